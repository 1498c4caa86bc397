#pragma once

namespace superapp::app {

/// Runs `superapp <command> [options]` and returns the process exit code:
/// 0 success, 1 failure (unreachable database, bad configuration), 2 bad usage.
int run_cli(int argc, char** argv);

}  // namespace superapp::app
