"""The detectors: each reads a :class:`framing.Document` and yields named rows.

- :mod:`framing.detect.loaded`: loaded terms (lexicon matches with literal-sense guards);
- :mod:`framing.detect.attribution`: who is quoted or paraphrased, with which cue and how;
- :mod:`framing.detect.markers`: hedges and scare quotes;
- :mod:`framing.detect.pipeline`: :func:`~framing.detect.pipeline.detect` runs them in order,
  each using what the earlier ones found.

Nothing is re-exported here: ``framing.markers`` (the function) and ``framing.detect.markers``
(the module) would otherwise shadow each other.
"""
