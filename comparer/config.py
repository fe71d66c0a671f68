"""Configuration: defaults, the shipped alias table, and ``--config`` YAML files.

The library never reads files on its own initiative: callers build a ``Config``
(``load_config(path)`` for a YAML file) and pass it explicitly.
"""

import dataclasses
import functools
import os
from dataclasses import dataclass, field
from typing import Any

from comparer.errors import ConfigError


class _Checked:
    """Settings checked whenever they are made, also by ``dataclasses.replace``."""

    __slots__ = ()

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Raise ``ConfigError`` for a value out of its range."""


@dataclass(frozen=True, slots=True)
class DedupConfig(_Checked):
    """Near-duplicate detection: word shingles, MinHash slots and the verified Jaccard threshold.

    Defaults suit news reprints: 5-word shingles survive a new headline, a changed dateline and a
    few edited words, and a Jaccard of 0.5 still catches a copy cut to about half its length.
    """

    threshold: float = 0.5
    shingle_size: int = 5
    num_perm: int = 128
    seed: int = 1

    def check(self) -> None:
        _check_range("dedup.threshold", self.threshold, 0.0, 1.0)
        _check_int("dedup.shingle_size", self.shingle_size, 1, 20)
        _check_int("dedup.num_perm", self.num_perm, 16, 1024)
        _check_int("dedup.seed", self.seed, 0, 2**32 - 1)


@dataclass(frozen=True, slots=True)
class ClusterConfig(_Checked):
    """Same-event clustering: how close two documents' event signatures must be.

    Signatures are TF-IDF vectors of the title (``title_weight``; else a headline-like first line)
    and the first ``lede_chars`` characters, where names and numbers weigh ``name_weight`` and
    ``number_weight`` times a word (words are stemmed); a name of one word, which counts as a word
    as well, weighs ``name_word_weight``. Candidate pairs share two of each document's ``top_features``
    strongest features (one, for a short document): all holders of a feature seen in at most
    ``max_df`` documents pair up, a commoner one (up to 20 times that) pairs each holder with the
    next one only. Candidates of cosine ``link_threshold`` or more (after the date factor) form
    components; a component above ``max_component`` documents is split at its weakest links.
    Inside a component, average-link groups merge while their average similarity is at least
    ``threshold`` and, for groups of three or more, at least ``cohesion`` times the inner
    similarity of the looser one (above ``exact_limit`` documents, the plain average-link tree of
    the component is cut under the same rule). The date factor: the closest dates of two documents (the
    lede's first ``date_chars`` characters, resolved against publication) further apart than
    ``max_date_gap_days`` lower their similarity by ``date_penalty`` per log-day, to at least
    ``date_floor`` times; mentioning only different years multiplies it by ``year_factor``. A
    report that looks back to an earlier month ("the June 2005 murder") is as close to a report of
    that month as the month itself; one that names an earlier year holding the other's date is
    ``back_year_days`` from it. Two groups of three or more whose dates agree (the mean over their
    known pairs, 1 for dates within ``max_date_gap_days``, -1 beyond, at least
    ``date_agreement``, the known pairs counting as at least ``agreement_share`` of all) need
    only ``dated_cohesion`` instead of ``cohesion``. An undated report's event weekday is the
    first one its title or first ``weekday_chars`` characters name: two undated reports whose
    weekdays are at most a day apart agree, further apart disagree; against a dated report whose
    dates fall on none of it, the similarity is multiplied by ``weekday_factor``.
    Two groups of three or more whose known pairs are dated more than ``conflict_days`` apart
    (closest dates, look-backs included), at least ``conflict_share`` of those pairs, do not merge.
    Two reports whose main participants (the most salient name of the title and the first
    ``main_chars`` of the lede, title mentions weighing ``main_title_weight``, at least
    ``main_min`` and ``main_margin`` times the next name) differ, neither giving the other's more
    than ``main_side`` of the salience of its own, have their similarity multiplied by
    ``main_factor`` (1.0: off). Two reports whose dates do not agree have their similarity
    multiplied by ``shared / (shared + evidence)``, where ``shared`` is the summed IDF (times kind
    weight) of the features both hold: headlines that share one name of their topic carry too
    little evidence to join, however high their cosine (0: off). Each similarity is then lowered
    by ``density / 2`` times each side's background: the mean of its candidate similarities
    ranked ``density_skip`` to ``density_skip + density_k`` (0: off), so that a pair on a busy
    topic needs more than the topic's words. Adjacent content words also count as a phrase
    feature, at ``phrase_weight`` times a word (0: off). A report left alone by the cut then joins
    the group it is closest to on average when that average reaches ``attach`` times
    ``threshold`` and beats its next closest group by ``attach_margin`` times ``threshold``
    (``attach`` 0: off).
    """

    threshold: float = 0.08
    link_threshold: float = 0.1
    cohesion: float = 0.6
    exact_limit: int = 2000
    max_date_gap_days: int = 7
    date_penalty: float = 0.2
    date_floor: float = 0.3
    year_factor: float = 0.6
    title_weight: float = 2.0
    lede_chars: int = 6000
    date_chars: int = 2000
    name_weight: float = 1.2
    name_word_weight: float = 0.6
    number_weight: float = 2.0
    top_features: int = 30
    max_df: int = 100
    max_component: int = 2000
    main_factor: float = 0.7
    main_chars: int = 1000
    main_title_weight: float = 3.0
    main_min: float = 2.0
    main_margin: float = 1.5
    main_side: float = 0.3
    back_year_days: int = 14
    dated_cohesion: float = 0.4
    date_agreement: float = 0.5
    agreement_share: float = 0.1
    weekday_factor: float = 0.5
    weekday_chars: int = 600
    conflict_days: int = 30
    conflict_share: float = 0.7
    evidence: float = 40.0
    density: float = 1.5
    density_k: int = 20
    density_skip: int = 30
    phrase_weight: float = 0.5
    attach: float = 0.625
    attach_margin: float = 0.25

    def check(self) -> None:
        _check_range("cluster.threshold", self.threshold, 0.0, 1.0)
        _check_range("cluster.link_threshold", self.link_threshold, 0.0, 1.0)
        _check_range("cluster.cohesion", self.cohesion, 0.0, 1.0)
        _check_int("cluster.exact_limit", self.exact_limit, 2, 100_000)
        _check_int("cluster.max_date_gap_days", self.max_date_gap_days, 0, 3650)
        _check_range("cluster.date_penalty", self.date_penalty, 0.0, 10.0)
        _check_range("cluster.date_floor", self.date_floor, 0.0, 1.0)
        _check_range("cluster.year_factor", self.year_factor, 0.0, 1.0)
        _check_range("cluster.title_weight", self.title_weight, 0.0, 100.0)
        _check_int("cluster.lede_chars", self.lede_chars, 100, 10_000_000)
        _check_int("cluster.date_chars", self.date_chars, 0, 10_000_000)
        _check_int("cluster.back_year_days", self.back_year_days, 0, 100_000)
        _check_range("cluster.dated_cohesion", self.dated_cohesion, 0.0, 1.0)
        _check_range("cluster.date_agreement", self.date_agreement, -1.0, 1.0)
        _check_range("cluster.agreement_share", self.agreement_share, 0.0, 1.0)
        _check_range("cluster.weekday_factor", self.weekday_factor, 0.0, 1.0)
        _check_int("cluster.weekday_chars", self.weekday_chars, 0, 10_000_000)
        _check_int("cluster.conflict_days", self.conflict_days, 0, 100_000)
        _check_range("cluster.conflict_share", self.conflict_share, 0.0, 1.0)
        _check_range("cluster.name_weight", self.name_weight, 0.0, 100.0)
        _check_range("cluster.name_word_weight", self.name_word_weight, 0.0, 100.0)
        _check_range("cluster.number_weight", self.number_weight, 0.0, 100.0)
        _check_int("cluster.top_features", self.top_features, 1, 10_000)
        _check_int("cluster.max_df", self.max_df, 2, 10_000_000)
        _check_int("cluster.max_component", self.max_component, 2, 100_000)
        _check_range("cluster.main_factor", self.main_factor, 0.0, 1.0)
        _check_int("cluster.main_chars", self.main_chars, 0, 10_000_000)
        _check_range("cluster.main_title_weight", self.main_title_weight, 0.0, 100.0)
        _check_range("cluster.main_min", self.main_min, 0.0, 1000.0)
        _check_range("cluster.main_margin", self.main_margin, 1.0, 1000.0)
        _check_range("cluster.main_side", self.main_side, 0.0, 1.0)
        _check_range("cluster.evidence", self.evidence, 0.0, 1000.0)
        _check_range("cluster.density", self.density, 0.0, 2.0)
        _check_int("cluster.density_k", self.density_k, 1, 1000)
        _check_int("cluster.density_skip", self.density_skip, 0, 1000)
        _check_range("cluster.phrase_weight", self.phrase_weight, 0.0, 10.0)
        _check_range("cluster.attach", self.attach, 0.0, 1.0)
        _check_range("cluster.attach_margin", self.attach_margin, 0.0, 1.0)


@dataclass(frozen=True, slots=True)
class AlignConfig(_Checked):
    """Claim alignment: how similar two claims must be (0..1) to report the same fact.

    Claims are matched one to one, best scores first, down to ``threshold``. A match
    scoring under ``weak_threshold`` is weak: what differs in it is reported as ``low``.
    ``lexical_weight`` is the share of RapidFuzz's token-set ratio in the score (the rest
    is rarity-weighted overlap of words, canonical entities and numbers). Two accounts of one
    claim each have no other claim to report: their claims match at ``single_threshold``.
    """

    threshold: float = 0.25
    weak_threshold: float = 0.3
    lexical_weight: float = 0.2
    single_threshold: float = 0.1

    def check(self) -> None:
        _check_range("align.threshold", self.threshold, 0.0, 1.0)
        _check_range("align.weak_threshold", self.weak_threshold, 0.0, 1.0)
        _check_range("align.single_threshold", self.single_threshold, 0.0, 1.0)
        _check_range("align.lexical_weight", self.lexical_weight, 0.0, 1.0)


@dataclass(frozen=True, slots=True)
class PagesConfig(_Checked):
    """Reading web pages: files ending .html/.htm, and pages fetched from http(s) URLs.

    ``html_mode`` is ``article`` (the article body, as a reader reads it) or ``all`` (all visible
    text). ``cache`` is a folder for fetched pages, revalidated with ETag/Last-Modified on the
    next run; ``save_pages`` a folder where each fetched page is written. ``timeout`` (seconds)
    bounds each connection and read and a whole download; ``max_bytes`` and ``max_redirects``
    bound a page; a 429 or 5xx answer is retried ``retries`` times, waiting ``backoff`` seconds,
    then twice as long each time.
    """

    html_mode: str = "article"
    cache: str = ""
    save_pages: str = ""
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0

    def check(self) -> None:
        if self.html_mode not in HTML_MODES:
            raise ConfigError(f"pages.html_mode must be one of {', '.join(HTML_MODES)}, got {self.html_mode!r}")
        for name in ("cache", "save_pages"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"pages.{name} must be a folder path, got {getattr(self, name)!r}")
        _check_range("pages.timeout", self.timeout, 0.001, 600.0)
        _check_int("pages.max_bytes", self.max_bytes, 1, 2**31)
        _check_int("pages.max_redirects", self.max_redirects, 0, 30)
        _check_int("pages.retries", self.retries, 0, 10)
        _check_range("pages.backoff", self.backoff, 0.0, 60.0)


HTML_MODES = ("article", "all")


@dataclass(frozen=True, slots=True)
class Config:
    """All settings; ``aliases`` maps a surface form (as written) to a canonical entity name.

    What is left out takes its default: the shipped tables, and each section's defaults.
    ``dataclasses.replace(config, cluster=...)`` makes a changed copy (and checks it).
    Two configs with the same settings are equal; a config holds tables (dicts), so it is not
    hashable: what is built from one is cached by its tables' identity.
    """

    aliases: dict[str, str] = field(default_factory=lambda: dict(default_aliases()))
    entity_types: dict[str, str] = field(default_factory=lambda: dict(default_entity_types()))
    capitals: dict[str, str] = field(default_factory=lambda: dict(default_capitals()))
    dedup: DedupConfig = field(default_factory=lambda: DedupConfig())
    cluster: ClusterConfig = field(default_factory=lambda: ClusterConfig())
    align: AlignConfig = field(default_factory=lambda: AlignConfig())
    pages: PagesConfig = field(default_factory=lambda: PagesConfig())


_SECTIONS = {"dedup": DedupConfig, "cluster": ClusterConfig, "align": AlignConfig, "pages": PagesConfig}
_TOP_KEYS = ("aliases", "capitals", *_SECTIONS)


def _check_range(name: str, value: Any, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{name} must be a number in [{low}, {high}], got {value!r}")
    if not low <= value <= high:
        raise ConfigError(f"{name} must be in [{low}, {high}], got {value!r}")


def _check_int(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(f"{name} must be a whole number in [{low}, {high}], got {value!r}")
    _check_range(name, value, low, high)


@functools.lru_cache(maxsize=4)
def _data_file(name: str) -> Any:
    from comparer import data

    return data.load(name)


def _alias_table() -> dict[str, Any]:
    return _data_file("aliases")


def default_capitals() -> dict[str, str]:
    """Capital -> country, for capitals that stand for their country ("support for Kyiv")."""
    return dict(_data_file("capitals"))


def _flatten(groups: dict[str, Any], source: str) -> tuple[dict[str, str], dict[str, str]]:
    """Turn ``{type: {canonical: [alias, ...]}}`` into surface->canonical and canonical->type maps."""
    aliases: dict[str, str] = {}
    types: dict[str, str] = {}
    if not isinstance(groups, dict):
        raise ConfigError(f"{source}: 'aliases' must map an entity type to {{canonical: [aliases]}}")
    for etype, entries in groups.items():
        if not isinstance(entries, dict):
            raise ConfigError(f"{source}: aliases.{etype} must map canonical names to lists of aliases")
        for canonical, forms in entries.items():
            if forms is None:
                forms = []
            if isinstance(forms, str):
                forms = [forms]
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise ConfigError(f"{source}: aliases.{etype}.{canonical} must be a list of strings")
            canonical = str(canonical)
            types[canonical] = str(etype)
            for form in (canonical, *forms):
                aliases[form] = canonical
    return aliases, types


@functools.lru_cache(maxsize=1)
def _defaults() -> tuple[dict[str, str], dict[str, str]]:
    return _flatten(_alias_table(), "comparer/data/aliases.yaml")


def default_aliases() -> dict[str, str]:
    """The shipped alias table: surface form -> canonical name."""
    return _defaults()[0]


def default_entity_types() -> dict[str, str]:
    """Canonical name -> entity type ("place", "person", "org", "group") of the shipped table."""
    return _defaults()[1]


# A config with a large alias table is some hundred kilobytes.
MAX_CONFIG_CHARS = 20_000_000


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read a YAML config (``yaml.safe_load``); unknown keys are rejected with the valid ones listed.

    Raises:
        ConfigError: the file is missing, not YAML, or has an invalid key or value.
    """
    if path is None:
        return Config()
    from comparer import safe_yaml

    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            raw = safe_yaml.load(handle.read(), max_chars=MAX_CONFIG_CHARS, what="config")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except safe_yaml.YAMLProblem as exc:
        where = f" at line {exc.line}" if exc.line else ""
        raise ConfigError(f"{path}: config is not valid YAML{where} ({exc.message})") from None
    return config_from_dict(raw if raw is not None else {}, source=str(path))


def config_from_dict(raw: Any, source: str = "config") -> Config:
    """Build a ``Config`` from a parsed mapping (what a YAML config holds)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: config must be a mapping of sections, got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(_TOP_KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r}; valid keys are {', '.join(_TOP_KEYS)}")
    config = Config()
    if "aliases" in raw:
        extra_aliases, extra_types = _flatten(raw["aliases"] or {}, source)
        config = dataclasses.replace(config, aliases={**config.aliases, **extra_aliases},
                                     entity_types={**config.entity_types, **extra_types})
    if "capitals" in raw:
        capitals = raw["capitals"] or {}
        if not isinstance(capitals, dict) or not all(isinstance(v, str) for v in capitals.values()):
            raise ConfigError(f"{source}: capitals must map a capital to its country, e.g. 'Kyiv: Ukraine'")
        config = dataclasses.replace(config, capitals={**config.capitals,
                                                       **{str(k): v for k, v in capitals.items()}})
    for name, cls in _SECTIONS.items():
        if name not in raw:
            continue
        section = raw[name] or {}
        if not isinstance(section, dict):
            raise ConfigError(f"{source}: {name} must be a mapping")
        valid = [f.name for f in dataclasses.fields(cls)]
        bad = sorted(set(section) - set(valid))
        if bad:
            raise ConfigError(f"{source}: unknown key {name}.{bad[0]}; valid keys are {', '.join(valid)}")
        try:
            value = cls(**section)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None
        config = dataclasses.replace(config, **{name: value})
    return config
