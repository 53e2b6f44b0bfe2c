#pragma once
// word2vec.c's command line: `w2v -train FILE -output FILE -size 200 ...`.
#include "arguments.h"

namespace w2v::cli {

// Runs a word2vec.c command line (argv[1] is its first flag) as word2vec.c
// would, through the same training job as `w2v train`.
int word2vec_command(int argc, char** argv);

// word2vec.c's flags whose name differs from w2v train's, for suggestions:
// {"size", "--dim"}, {"iter", "--epochs"}, ...
Aliases word2vec_flag_aliases();

}  // namespace w2v::cli
