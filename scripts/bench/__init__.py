"""The benchmark harness behind scripts/bench.sh: w2v against gensim Word2Vec and fastText.

Modules: paths and util (locations, logging), peers (installing the peers, building w2v), corpus
(corpus specs, decompressing, halves, gensim's sentences), tools (the command line of each tool),
runner (one measured process), evaluate (`w2v eval --json` or gensim's evaluation), summary
(medians, spreads, ratios), machine (the machine and software record), report (results.md and
results.json), plot (the SVG), cli (the options) and suite (the round robin). Run it as
`scripts/bench.sh` or `PYTHONPATH=scripts /usr/bin/python3 -m bench`.
"""
