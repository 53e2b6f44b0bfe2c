#pragma once
// Each `w2v` subcommand; argv[0] is the subcommand name. Returns the exit code.
namespace w2v::cli {
int train_command(int argc, char** argv);
}  // namespace w2v::cli
