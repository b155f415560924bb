"""A methods paragraph generated from a run's provenance, parameters and counts.

The paragraph names exactly what produced the numbers (detector versions, lexicon versions,
statistical settings, corpus size and fingerprint), so it can be pasted into a write-up and
stays true to the run it came from. It is plain text, without Markdown: the same words in
``methods.txt`` and in the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["methods_paragraph"]

# In this order in the paragraph; unknown detectors follow, by name.
_DETECTOR_TEXT = {
    "framing.loaded": (
        "loaded terms (evaluative or emotive wording; literal senses excluded by context "
        "guards) with {name}"
    ),
    "framing.attribution": (
        "attributions of speech (speaker, reporting verb and its class: neutral, doubt, "
        "concession, endorsement, emotive or directive) with {name}"
    ),
    "framing.markers": "hedges and scare quotes with {name}",
}


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lexicon_label(entry: Any) -> str:
    if isinstance(entry, Mapping):
        name, version = entry.get("name"), entry.get("version")
        if not name and entry.get("label"):
            return str(entry["label"]).replace("@", " ")
        return f"{name} {version}" if version else str(name)
    return str(entry).replace("@", " ")


def _version(name: str, family: str) -> int:
    """The version number of detector ``name`` if it is of ``family`` ("framing.markers.v10"
    -> 10), else -1."""
    head, _, version = name.rpartition(".v")
    return int(version) if head == family and version.isdigit() else -1


def _family(name: str) -> str:
    return name.rsplit(".", 1)[0] if name.count(".") >= 2 else name


def _detector_sentence(detectors: list[str]) -> str:
    order = list(_DETECTOR_TEXT)
    ranked = sorted(
        detectors,
        key=lambda d: (order.index(_family(d)) if _family(d) in order else len(order), d),
    )
    parts = []
    for name in ranked:
        template = _DETECTOR_TEXT.get(_family(name))
        parts.append(template.format(name=name) if template else name)
    if not parts:
        return ""
    return "Each article was analysed for " + _join(parts) + "."


def methods_paragraph(
    provenance: Mapping[str, Any],
    params: Mapping[str, Any],
    counts: Mapping[str, Any],
) -> str:
    """Write the methods paragraph of a comparative outlet report.

    Args:
        provenance: as written next to figures (see :func:`framing.plots.sidecar_record`):
            ``framing_version``, ``detectors``, ``lexicons``, ``corpus_fingerprint``.
        params: statistical settings; recognised keys ``n_boot``, ``seed``, ``confidence``
            (default 0.95), ``alpha0`` (prior strength of the log-odds), ``min_count``,
            ``min_term_count``, ``start``, ``end``, ``chi2`` (a mapping with ``statistic``,
            ``dof``, ``p_value`` and optionally ``monte_carlo``, the number of random tables,
            of the verb-class test), ``validation`` (a mapping, or a list of one per detector,
            from the report's validation section: ``detector``, ``per_outlet``, ``seed``,
            ``blind``, ``coders``, ``items``, ``alpha``, ``alpha_by_kind``, ``precision`` and
            ``recall`` as ``(min, max)`` over outlets).
        counts: ``articles``, ``outlets``, ``words``, ``events`` (events covered by two or more
            outlets: ``matched_events``), optionally ``attributions`` and the date range
            ``first_published``/``last_published`` and ``fully_matched_events`` (events
            covered by every compared outlet).

    Returns:
        One paragraph of plain text, with no Markdown: code names are written as they are
        (``framing.loaded.v1``, not in backticks), since ``methods.txt`` is pasted into
        write-ups and the report shows the paragraph as text.

    References:
        Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
        selection and evaluation for identifying the content of political conflict.
        *Political Analysis* 16(4), 372-403.

        Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. *Journal of the
        Royal Statistical Society B* 69(3), 369-390.

    Examples:
        >>> text = methods_paragraph(
        ...     {"framing_version": "0.1.0", "detectors": ["framing.loaded.v1"],
        ...      "lexicons": [{"name": "loaded_terms", "version": "1.0.0"}],
        ...      "corpus_fingerprint": "sha256:abc"},
        ...     {"n_boot": 1000, "seed": 7, "alpha0": 100},
        ...     {"articles": 55, "outlets": 5, "words": 17000, "events": 13},
        ... )
        >>> "55 articles" in text and "1,000 bootstrap resamples" in text and "seed 7" in text
        True
        >>> "with framing.loaded.v1" in text and "loaded_terms 1.0.0" in text
        True
        >>> "`" in text  # plain text: no Markdown
        False
    """
    sentences: list[str] = []
    articles = int(counts.get("articles", 0))
    outlets = int(counts.get("outlets", 0))
    words = int(counts.get("words", 0))
    corpus = (
        f"The corpus holds {_plural(articles, 'article')} ({_plural(words, 'word')}) from "
        f"{_plural(outlets, 'outlet')}"
    )
    events = counts.get("events")
    if events:
        corpus += f" covering {_plural(int(events), 'event')}"
        matched = counts.get("matched_events")
        if matched is not None:
            corpus += f", {int(matched):,} of them reported by two or more outlets"
    first = counts.get("first_published") or params.get("start")
    last = counts.get("last_published") or params.get("end")
    if first or last:
        corpus += f", published {first or '...'} to {last or '...'}"
    sentences.append(corpus + ".")
    detectors = [str(d) for d in provenance.get("detectors") or []]
    detector_text = _detector_sentence(detectors)
    if detector_text:
        sentences.append(detector_text)
    # a lexicon shared by two detectors (grammar, loaded_terms) is named once
    lexicons = list(dict.fromkeys(_lexicon_label(x) for x in provenance.get("lexicons") or []))
    if lexicons:
        sentences.append(f"Lexicons: {_join(lexicons)}.")
    # (markers have a voice since framing.markers.v10; before, every hedge was counted)
    own_markers = any(_version(d, "framing.markers") >= 10 for d in detectors)
    sentences.append(
        ("Loaded terms, hedges and scare quotes" if own_markers else "Loaded terms")
        + " inside direct quotations or in reported speech (the content of an "
        "indirect, mixed or according-to attribution) are credited to the speaker and "
        "excluded from an outlet's own-voice "
        + ("rates, which are" if own_markers else "rate, which is")
        + " given per 1,000 words."
    )
    if "n_boot" in params:
        level = float(params.get("confidence", 0.95))
        seed = params.get("seed")
        sentences.append(
            f"{level:.0%} confidence intervals come from a cluster bootstrap that resamples "
            f"whole articles within each outlet ({int(params['n_boot']):,} bootstrap "
            f"resamples, percentile intervals"
            + (f", seed {seed}" if seed is not None else "")
            + "; the rates and shares of one outlet share its resamples), since words of one "
            "article are not independent (Field & Welsh 2007)."
        )
    if "alpha0" in params:
        floor = params.get("min_term_count")
        sentences.append(
            "Distinctive terms of each outlet against all others are ranked by the z-score of "
            "the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi "
            "& Quinn 2008), with the prior proportional to each term's frequency in the "
            f"pooled corpus and prior size alpha0 = {_number(params['alpha0'])}"
            + (f", for terms used at least {int(floor)} times" if floor else "")
            + "."
        )
    chi2 = params.get("chi2")
    test = (
        "Whether outlets differ in the composition of attribution verb classes is tested "
        "with a chi-square test of independence on the outlet by verb-class table"
    )
    if isinstance(chi2, Mapping) and chi2.get("statistic") is not None:
        p_value = chi2.get("p_value")
        p_text = "p < 0.001" if p_value is not None and p_value < 0.001 else f"p = {p_value:.3f}"
        if chi2.get("monte_carlo"):
            p_text += f", Monte Carlo p-value from {int(chi2['monte_carlo']):,} random tables"
        test += f" (chi-square = {chi2['statistic']:.1f}, df = {chi2.get('dof')}, {p_text})"
    sentences.append(test + ".")
    if "min_count" in params:
        sentences.append(
            "Doubt-cue shares (share of a speaker's attributions using doubt cues such as "
            "'claimed', 'insisted', 'alleged') are shown only for speaker-outlet pairs with at "
            f"least {int(params['min_count'])} attributions; a speaker is the source the "
            "attribution detector resolves within each article, names differing only in "
            "capitalisation counted as one."
        )
    if counts.get("matched_events"):
        shared = counts.get("fully_matched_events")
        sentences.append(
            "Per-event rates compare outlets on the same stories; mean within-event differences "
            "between pairs of outlets use only the events covered by every compared outlet"
            + (f" ({int(shared)})" if shared is not None else "")
            + ", with percentile bootstrap intervals over events."
        )
    validity = params.get("validity")
    if isinstance(validity, Mapping):
        sentences.extend(_validity_sentences(validity))
    validation = params.get("validation")
    for sample in [validation] if isinstance(validation, Mapping) else validation or []:
        sentences.extend(_validation_sentences(sample))
    version = provenance.get("framing_version")
    fingerprint = provenance.get("corpus_fingerprint")
    tail = "Analysis run with framing" + (f" {version}" if version else "")
    if fingerprint:
        tail += f"; corpus fingerprint {fingerprint}"
    sentences.append(tail + ".")
    return " ".join(sentences)


def _validation_sentences(v: Mapping[str, Any]) -> list[str]:
    """The validation against human coding, as a methods section reports it."""
    coders = int(v.get("coders", 0))
    design = (
        f"To validate {v.get('detector', 'the detector')} on this corpus, "
        f"{_plural(int(v.get('items', 0)), 'item')} were drawn at random (seed {v.get('seed')}),"
        f" from each outlet up to {v.get('per_outlet')} detector hits, to estimate precision, "
        f"and up to {v.get('per_outlet')} sentences without a hit, to estimate missed "
        f"instances; {_plural(coders, 'coder')} coded them"
        + (" without seeing the outlet" if v.get("blind") else "")
        + "."
    )
    out = [design]
    alpha = v.get("alpha")
    if coders >= 2 and alpha is not None:
        kinds = v.get("alpha_by_kind") or {}
        detail = ", ".join(f"{k} {a:.2f}" for k, a in kinds.items() if a is not None)
        out.append(
            f"Inter-coder reliability: Krippendorff's alpha (nominal) = {alpha:.2f}"
            + (f" ({detail})" if detail else "")
            + "."
        )
    precision, recall = v.get("precision"), v.get("recall")
    if precision:
        out.append(
            f"Estimated precision ranged from {precision[0]:.2f} to {precision[1]:.2f} across "
            "outlets (Wilson 95% intervals)"
            + (f" and estimated recall from {recall[0]:.2f} to {recall[1]:.2f}" if recall else "")
            + "; corrected rates estimate the true instances per outlet as hits times "
            "precision plus sentences without a hit times the missed instances per sentence, "
            "with intervals from 4,000 draws of both estimates (Jeffreys posterior for "
            "precision, bootstrap for misses)."
        )
    return out


def _validity_sentences(v: Mapping[str, Any]) -> list[str]:
    """The detectors' accuracy on annotated data and the corpus validation, for a methods
    section."""
    out = []
    dev = v.get("development_set") or {}
    if dev:
        passages = v.get("development_set_passages")
        size = f" ({int(passages)} fictional passages)" if passages else ""
        out.append(
            f"On the toolkit's annotated development set{size}, F1 was "
            f"{dev.get('loaded_terms', float('nan')):.2f} for loaded terms, "
            f"{dev.get('attribution speaker+cue', float('nan')):.2f} for attributions (speaker "
            f"and cue) and {dev.get('markers', float('nan')):.2f} for hedges and scare quotes "
            "(optimistic: the rules were written while reading its misses)."
        )
    public = [row for row in v.get("public") or [] if "f1" in row]
    if public:
        parts = [
            f"{row['detector']}, {row['measure']}: precision {row['precision']:.2f}, recall "
            f"{row['recall']:.2f} ({row['corpus'].split(' (')[0]})"
            for row in public
        ]
        out.append(
            "On public annotated news corpora, which were only measured: " + "; ".join(parts) + "."
        )
    warnings = v.get("corpus_warnings")
    if warnings is not None:
        if warnings:
            listed = ", ".join(f"{n} {code.replace('_', ' ')}" for code, n in warnings.items())
            out.append(f"Corpus validation raised warnings ({listed}); those articles were kept.")
        else:
            out.append("Corpus validation raised no warning.")
    return out
