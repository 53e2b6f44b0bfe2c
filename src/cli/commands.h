#pragma once
// Each `w2v` subcommand; argv[0] is the subcommand name. Returns the exit code.
namespace w2v::cli {
int train_command(int argc, char** argv);
int phrases_command(int argc, char** argv);
int neighbors_command(int argc, char** argv);
int analogy_command(int argc, char** argv);
int eval_command(int argc, char** argv);
int similarity_command(int argc, char** argv);
int doesnt_match_command(int argc, char** argv);
int convert_command(int argc, char** argv);
int map_command(int argc, char** argv);
int classes_command(int argc, char** argv);
}  // namespace w2v::cli
