// Types of @pullsecret/node/cli (cli.cjs).

/**
 * Runs the `pullsecret` command line `args` (without the program name) in this process, with its
 * stdin, stdout and stderr, as the native `pullsecret` binary does; returns the exit status
 * (0 fine, 1 findings or a failed operation, 2 usage).
 */
export declare function runCli(args: readonly string[]): number;
