import js from "@eslint/js";
import tseslint from "typescript-eslint";

const boundary = (files, patterns, message) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message })) }] },
});

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "test-results/**", "data/**", "bench/results/**", ".stryker-tmp/**", "reports/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
  },
  // The architecture, enforced: protocol is data; clients never reach into the server; the domain knows no transport.
  boundary(["packages/protocol/src/**"], ["@natter/*", "../../*"], "protocol imports nothing of ours"),
  boundary(["packages/client/src/**"], ["@natter/server", "**/server/**"], "the SDK talks to the server only over the wire"),
  boundary(["packages/web/src/**"], ["@natter/server", "**/server/**"], "the web app talks to the server only through @natter/client"),
  // …and only through the ChatStore: main.tsx makes the one client, the store (and useSession, for log-in) hold it.
  {
    files: ["packages/web/src/**"],
    ignores: ["packages/web/src/main.tsx", "packages/web/src/chat/chatStore.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@natter/server", "**/server/**"], message: "the web app talks to the server only through @natter/client" },
            { group: ["@natter/client"], allowTypeImports: true, message: "components reach the server through the ChatStore, not a client of their own" },
          ],
        },
      ],
    },
  },
  boundary(
    ["packages/server/src/domain/**"],
    ["fastify", "fastify-*", "@fastify/*", "socket.io", "**/transport/**"],
    "the domain knows nothing of HTTP or sockets",
  ),
);
