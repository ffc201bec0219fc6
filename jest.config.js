/** Jest: TypeScript through ts-jest (type-checking is tsc --noEmit's job, so ts-jest only transpiles). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
    // @noble/ciphers ships ES modules only; compile them to CommonJS for Jest like our own code.
    "^.+/node_modules/@noble/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@noble/)"],
  testTimeout: 120000,
  maxWorkers: 2,
};
