"""w2v: word2vec trained and queried at the speed of w2v's C++ library, with gensim's interface.

    import w2v
    model = w2v.train("corpus.txt.gz", model="sg", dim=100, epochs=5)   # or an iterable of token lists
    model.wv.most_similar("king", topn=5)
    model.wv.evaluate_word_analogies("questions-words.txt")
    model.wv.save_word2vec_format("vectors.bin", binary=True)
    wv = w2v.load("vectors.bin")
"""

from ._keyed_vectors import KeyedVectors, load
from ._correlation import Correlation
from ._training import ProgressPrinter, TrainedModel, train
from ._w2v import CorpusSummary, Error, TrainingProgress, TrainSummary

__all__ = [
    "Correlation", "CorpusSummary", "Error", "KeyedVectors", "ProgressPrinter", "TrainedModel", "TrainingProgress",
    "TrainSummary", "load", "train",
]
