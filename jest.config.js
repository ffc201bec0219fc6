/** Jest: TypeScript through ts-jest (type-checking is tsc --noEmit's job, so ts-jest only transpiles). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  testTimeout: 120000,
  maxWorkers: 2,
};
