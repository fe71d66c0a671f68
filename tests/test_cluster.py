"""Same-event clustering: the seeds' four meetings, non-chaining, determinism, the report's shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

import comparer
from comparer.clustering import cluster
from comparer.config import ClusterConfig, Config
from comparer.errors import ConfigError
from comparer.event_signature import date_gap, signature

ROOT = Path(__file__).resolve().parent.parent
REPRINTS = ROOT / "fixtures" / "reprints"


def _groups(report) -> list[tuple[str, ...]]:
    return sorted(tuple(d[:3] for d in c.documents) for c in report.clusters)


def test_seeds_are_four_meetings(seeds_dir):
    report = cluster(comparer.load([seeds_dir]))
    assert _groups(report) == [("000",), ("001", "002"), ("003",), ("004",)]
    assert all(c.kind == "event" for c in report.clusters)
    assert [c.id for c in report.clusters] == ["e1", "e2", "e3", "e4"]


def test_seed_cluster_json_shape(seeds_dir):
    data = cluster(comparer.load([seeds_dir])).to_dict()
    assert set(data) == {"comparer_version", "documents", "errors", "clusters"}
    hiroshima = next(c for c in data["clusters"] if len(c["documents"]) == 2)
    assert hiroshima["event_date"] == "2023-05-18"
    assert hiroshima["duplicates"] == []
    assert "Kishida" in hiroshima["why"] and "date 2023-05-18" in hiroshima["why"]
    assert set(hiroshima) >= {"id", "kind", "documents", "duplicates", "event_date", "places", "why"}


def test_reprint_joins_its_event_as_a_duplicate(seeds_dir):
    report = cluster(comparer.load([seeds_dir, REPRINTS]))
    assert _groups(report) == [("000",), ("001", "002"), ("003",), ("004", "004")]
    wire = next(c for c in report.clusters if c.documents[0].startswith("004"))
    assert wire.duplicates == (("004_2f215c4fcb578318.txt", "004_reprint.txt"),)


def test_input_order_does_not_matter(seeds_dir):
    docs = comparer.load([seeds_dir, REPRINTS])
    expected = cluster(docs).to_dict()["clusters"]
    rng = random.Random(4)
    for _ in range(3):
        shuffled = docs[:]
        rng.shuffle(shuffled)
        assert cluster(shuffled).to_dict()["clusters"] == expected


def _shooting(name: str, age: int, street: str, city: str, day: str, published: str,
              extra: str = "") -> comparer.Document:
    text = (f"{name}, {age}, was shot and killed {day} night on {street} in {city}, police said. "
            f"Officers found {name} with a gunshot wound near {street} and {name} was pronounced dead. "
            f"Police have not named a suspect in the death of {name}. {extra}")
    return comparer.Document.from_text(text, id=f"{name}-{published}-{len(extra)}", published=published,
                                       title=f"Man shot dead on {street}")


def test_same_kind_of_event_in_one_city_stays_apart():
    docs = [
        _shooting("Marcus Hill", 24, "Elm Street", "Springfield", "Friday", "2016-03-05"),
        _shooting("Marcus Hill", 24, "Elm Street", "Springfield", "Friday", "2016-03-05", "A vigil is planned."),
        _shooting("Dwayne Ross", 31, "Oak Avenue", "Springfield", "Sunday", "2016-07-18"),
        _shooting("Dwayne Ross", 31, "Oak Avenue", "Springfield", "Sunday", "2016-07-18",
                  "Neighbours said shots rang out."),
    ]
    report = cluster(docs)
    assert sorted(sorted(c.documents) for c in report.clusters) == sorted([
        sorted(d.id for d in docs[:2]), sorted(d.id for d in docs[2:])])


def test_every_document_is_in_exactly_one_cluster(seeds_dir):
    docs = comparer.load([seeds_dir, REPRINTS])
    report = cluster(docs)
    placed = [d for c in report.clusters for d in c.documents]
    assert sorted(placed) == sorted(d.id for d in docs)


def test_progress_counts_every_document(seeds_dir):
    seen = []
    docs = comparer.load([seeds_dir])
    cluster(docs, progress=seen.append)
    assert sum(seen) == len(docs)


def test_errors_are_passed_through(seeds_dir):
    docs, problems = comparer.read_inputs([seeds_dir, ROOT / "no-such-file.txt"])
    report = cluster(docs, errors=problems)
    assert report.exit_code == 2 and report.to_dict()["errors"][0]["message"] == "no such file or directory"


def test_empty_input_gives_no_clusters():
    assert cluster([]).clusters == ()


def test_partial_dates_compare_on_the_calendar():
    assert date_gap((5, 18), dt.date(2023, 5, 18)) == 0
    assert date_gap((1, 13), (4, 10)) > 80
    assert date_gap((12, 30), (1, 2)) < 5
    assert date_gap(None, (1, 2)) is None


def test_signature_reads_names_numbers_and_lede_dates(seed):
    doc = comparer.load([seed["002"]])[0]
    sig = signature(doc, Config())
    assert "e:kishida" in sig.counts and "e:hiroshima" in sig.counts
    assert sig.date == (5, 18)


def test_threshold_is_honoured(seeds_dir):
    docs = comparer.load([seeds_dir])
    strict = dataclasses.replace(Config(), cluster=ClusterConfig(threshold=0.99))
    assert len(cluster(docs, strict).clusters) == 5


@pytest.mark.parametrize("bad", [{"threshold": -0.1}, {"max_date_gap_days": 1.5}, {"cohesion": 2}],
                         ids=["threshold", "gap", "cohesion"])
def test_cluster_config_is_validated(bad):
    with pytest.raises(ConfigError):
        ClusterConfig(**bad)


def test_cohesive_average_link_does_not_chain_two_tight_events():
    import numpy as np

    from comparer.agglomeration import MergeRule, _cohesive_average_link

    sim = np.full((6, 6), 0.2)  # two events of one kind: alike (0.2), but each far tighter (0.6)
    sim[:3, :3] = 0.6
    sim[3:, 3:] = 0.6
    np.fill_diagonal(sim, 1.0)
    labels = _cohesive_average_link(sim, MergeRule(threshold=0.12, cohesion=0.6))
    assert len(set(labels[:3])) == 1 and len(set(labels[3:])) == 1 and labels[0] != labels[3]
    assert len(set(_cohesive_average_link(sim, MergeRule(threshold=0.12, cohesion=0.0)))) == 1


def test_large_components_are_cut_under_the_cohesion_rule_too():
    import numpy as np

    from comparer.agglomeration import MergeRule, _cohesive_average_link, _cohesive_cut
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    sim = np.full((10, 10), 0.25)  # three events of one kind, each far tighter inside, one loner
    for block in (slice(0, 3), slice(3, 6), slice(6, 9)):
        sim[block, block] = 0.7
    sim[9, :] = sim[:, 9] = 0.01
    np.fill_diagonal(sim, 1.0)
    tree = linkage(squareform(1.0 - sim, checks=False), method="average")

    def groups(labels):
        return sorted(sorted(i for i in range(10) if labels[i] == label) for label in set(labels))

    expected = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    rule = MergeRule(threshold=0.12, cohesion=0.6)
    assert groups(_cohesive_cut(tree, 10, rule)) == expected
    assert groups(_cohesive_average_link(sim, rule)) == expected
    assert groups(_cohesive_cut(tree, 10, MergeRule(threshold=0.12, cohesion=0.0))) == [list(range(9)), [9]]


def test_candidates_come_from_shared_rare_features_only():
    from comparer.events import candidate_pairs, vectors

    texts = ["Marcus Hill was shot on Elm Street", "Marcus Hill died of the wounds",
             "Dwayne Ross was shot on Oak Avenue", "a quiet day with nothing to report"]
    docs = [comparer.Document.from_text(t, id=str(i)) for i, t in enumerate(texts)]
    config = Config()
    matrix, _, df = vectors([signature(d, config).counts for d in docs], config.cluster)
    pairs = candidate_pairs(matrix, df, config.cluster).tolist()
    assert [0, 1] in pairs and [0, 3] not in pairs and [2, 3] not in pairs


def test_main_participant_and_its_factor():
    from comparer.event_signature import participant_factor

    config = Config()

    def arrest(name: str, other: str = "") -> comparer.Document:
        text = (f"Portland guard {name} was detained late Saturday after a scuffle outside a nightclub. "
                f"{name.split()[-1]} spent the night in the city lockup and was let go on bond, the club said. {other}")
        return comparer.Document.from_text(text, id=name, title=f"Blazers' {name.split()[-1]} detained")

    pryor, hale = signature(arrest("Marcus Pryor"), config), signature(arrest("Devon Hale"), config)
    assert pryor.main == "e:pryor" and hale.main == "e:hale"
    assert participant_factor(pryor, hale, config.cluster) == config.cluster.main_factor < 1.0
    assert participant_factor(pryor, pryor, config.cluster) == 1.0
    # a report that gives the other's name weight of its own is not told apart by it
    both = signature(arrest("Devon Hale", "Hale and Pryor were detained. Pryor, Pryor."), config)
    assert participant_factor(pryor, both, config.cluster) == 1.0
    off = dataclasses.replace(config.cluster, main_factor=1.0)
    assert signature(arrest("Marcus Pryor"), config, off).main is None


def test_follow_up_naming_the_month_of_its_event_is_not_told_apart_by_date():
    config = Config()
    first = signature(comparer.Document.from_text(
        "A deputy was shot dead outside a market in Lakeview on Friday, police said.",
        id="a", published="2005-06-24"), config)
    follow_up = signature(comparer.Document.from_text(
        "A jury ordered the death penalty for the man convicted of the June 2005 murder of a deputy.",
        id="b", published="2007-04-02"), config)
    unrelated = signature(comparer.Document.from_text(
        "A jury ordered the death penalty for the man convicted of murdering a deputy.",
        id="c", published="2007-04-02"), config)
    from comparer.event_signature import date_factor, date_relation

    assert follow_up.back and not first.back
    assert date_factor(first, follow_up, config.cluster) == date_factor(follow_up, first, config.cluster) == 1.0
    assert date_relation(first, follow_up, config.cluster) == (1.0, 1.0)
    factor, agreement = date_relation(first, unrelated, config.cluster)
    assert factor <= config.cluster.date_floor and agreement == -1.0
    # the month a report is written in is no look back: two events of one month stay dated apart
    same_month = signature(comparer.Document.from_text(
        "In June 2005 another deputy was wounded in Lakeview.", id="d", published="2005-06-30"), config)
    assert not same_month.back


def test_groups_told_of_one_day_merge_at_a_lower_cohesion():
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    from comparer.agglomeration import MergeRule, _cohesive_average_link, _cohesive_cut

    sim = np.full((6, 6), 0.3)  # one event told two ways (the arrest, the victims): 0.3 across, 0.6 inside
    sim[:3, :3] = 0.6
    sim[3:, 3:] = 0.6
    np.fill_diagonal(sim, 1.0)
    tree = linkage(squareform(1.0 - sim, checks=False), method="average")
    same_day, unknown = np.ones((6, 6)), np.zeros((6, 6))
    for agree, groups in ((same_day, 1), (unknown, 2), (-same_day, 2)):
        rule = MergeRule(0.12, 0.6, dated_cohesion=0.4, agreement=0.5)
        exact = _cohesive_average_link(sim, rule, agree)
        cut = _cohesive_cut(tree, 6, rule, agree)
        assert len(set(exact)) == len(set(cut)) == groups


def test_groups_whose_few_known_weekdays_agree_merge_at_a_lower_cohesion():
    import numpy as np

    from comparer.agglomeration import MergeRule, _cohesive_average_link

    sim = np.full((6, 6), 0.3)
    sim[:3, :3] = 0.6
    sim[3:, 3:] = 0.6
    np.fill_diagonal(sim, 1.0)
    agree = np.zeros((6, 6))
    agree[0, 3] = agree[3, 0] = agree[1, 4] = agree[4, 1] = 1.0  # two of nine pairs name close weekdays
    def rule(share: float) -> MergeRule:
        return MergeRule(0.12, 0.6, dated_cohesion=0.4, agreement=0.5, agreement_share=share)

    groups = {share: len(set(_cohesive_average_link(sim, rule(share), agree))) for share in (0.1, 0.5, 1.0)}
    assert groups == {0.1: 1, 0.5: 2, 1.0: 2}  # known pairs are the evidence, unless too few of them
    agree[2, 5] = agree[5, 2] = -1.0
    agree[1, 5] = agree[5, 1] = -1.0
    assert len(set(_cohesive_average_link(sim, rule(0.1), agree))) == 2


def test_weekday_of_an_undated_report():
    from comparer.event_signature import date_relation

    config = Config()

    def sig(text: str, **dates):
        return signature(comparer.Document.from_text(text, id="x", **dates), config)

    sunday = sig("Quake hits coastal town\nA strong earthquake struck the town on Sunday, injuring five.")
    monday = sig("Villagers spent the night outside, officials said on Monday after the quake.")
    thursday = sig("A magnitude 5 earthquake shook the town on Thursday.")
    undated = sig("A strong earthquake struck the town, injuring five.")
    assert (sunday.weekday, monday.weekday, thursday.weekday, undated.weekday) == (6, 0, 3, None)
    dated = sig("An earthquake struck the town on Tuesday, injuring five.", published="2013-09-18")
    assert dated.weekday is None  # its weekday is a date already (2013-09-17)
    cluster = config.cluster
    # undated against dated: a weekday that none of the dates falls on lowers the similarity
    assert date_relation(sunday, dated, cluster) == (cluster.weekday_factor, 0.0)
    assert date_relation(dated, sunday, cluster) == (cluster.weekday_factor, 0.0)
    tuesday = sig("The earthquake that struck on Tuesday injured five people.")
    assert date_relation(tuesday, dated, cluster) == (1.0, 0.0)
    assert date_relation(undated, dated, cluster) == (1.0, 0.0)
    # two undated reports: weekdays a day apart agree, further apart disagree, the factor stays
    assert date_relation(sunday, monday, cluster) == (1.0, 1.0)
    assert date_relation(sunday, thursday, cluster) == (1.0, -1.0)
    assert date_relation(sunday, undated, cluster) == (1.0, 0.0)


def test_a_dateline_stands_for_the_publication_date():
    doc = comparer.Document.from_text("MAY 3, 2013\nThe rapper entered a clinic on Thursday, his "
                                      "lawyer said, after a court hearing in March 2013.", id="x")
    sig = signature(doc, Config())
    assert doc.published is None and sig.date == dt.date(2013, 5, 3)
    assert dt.date(2013, 5, 2) in sig.dates  # "on Thursday", read against the dateline
    assert sig.back == ((dt.date(2013, 3, 1).toordinal(), dt.date(2013, 3, 31).toordinal()),)


def test_groups_dated_far_apart_do_not_merge():
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    from comparer.agglomeration import MergeRule, _cohesive_average_link, _cohesive_cut

    sim = np.full((6, 6), 0.45)  # two patches of one browser, worded alike: 0.45 across, 0.6 inside
    sim[:3, :3] = 0.6
    sim[3:, 3:] = 0.6
    np.fill_diagonal(sim, 1.0)
    tree = linkage(squareform(1.0 - sim, checks=False), method="average")
    agree, apart = np.zeros((6, 6)), np.zeros((6, 6))
    for i, j in ((0, 3), (1, 4), (0, 4)):  # the few dated reports of each are years apart
        agree[i, j] = agree[j, i] = -1.0
        apart[i, j] = apart[j, i] = 1.0

    def groups(apart_share: float) -> tuple[int, int]:
        rule = MergeRule(0.12, 0.6, 0.4, 0.5, 0.1, apart_share)
        exact = _cohesive_average_link(sim, rule, agree, apart)
        cut = _cohesive_cut(tree, 6, rule, agree, apart)
        return len(set(exact)), len(set(cut))

    assert groups(0.7) == (2, 2)
    assert groups(2.0) == (1, 1)  # off: alike enough for the cohesion rule alone
    # a disagreement of a few days (the attack, the funeral) is no conflict
    apart[:] = 0.0
    assert groups(0.7) == (1, 1)


def test_reports_dated_weeks_apart_are_apart():
    from comparer.event_signature import dates_apart

    config = Config()

    def sig(text: str, **dates):
        return signature(comparer.Document.from_text(text, id="x", **dates), config)

    first = sig("The ferry ran aground off the island on Tuesday.", published="2010-03-03")
    funeral = sig("The captain of the ferry that ran aground was buried on Friday.", published="2010-03-12")
    later = sig("A ferry ran aground off the island on Monday.", published="2014-06-09")
    looking_back = sig("The ferry that ran aground in March 2010 was scrapped.", published="2014-06-09")
    undated = sig("A ferry ran aground off the island.")
    assert dates_apart(first, later, config.cluster) and dates_apart(later, first, config.cluster)
    assert not dates_apart(first, funeral, config.cluster)
    assert not dates_apart(first, looking_back, config.cluster)
    assert not dates_apart(first, undated, config.cluster)


def test_a_birth_date_is_not_the_event_date():
    doc = comparer.Document.from_text("The singer, who was born on April 17, 1931, in a small mining "
                                      "town, died on Thursday, October 16, 2008, her agent said.", id="x")
    sig = signature(doc, Config())
    assert sig.date == dt.date(2008, 10, 16)
    assert dt.date(1931, 4, 17) in sig.dates  # still a date the report names


def test_fast_agglomeration_is_that_of_a_full_search():
    import numpy as np

    from comparer.agglomeration import MergeRule, _agreeing, _cohesive_average_link

    def full_search(sim, threshold, cohesion, agree, dated_cohesion, agreement, share, apart, apart_share):
        m = len(sim)
        between, agreeing, far = sim.copy(), agree.copy(), apart.copy()
        np.fill_diagonal(between, 0.0)
        known = (agreeing != 0).astype(float)
        size, inside, alive = np.ones(m), np.zeros(m), np.ones(m, dtype=bool)
        blocked, label = np.eye(m, dtype=bool), np.arange(m)
        while True:
            average = between / np.outer(size, size)
            average[blocked | ~alive[:, None] | ~alive[None, :]] = -1.0
            a, b = divmod(int(np.argmax(average)), m)
            if average[a, b] < threshold:
                return label.tolist()
            tight = [inside[g] / (size[g] * (size[g] - 1) / 2) for g in (a, b) if size[g] >= 3]
            pairs = size[a] * size[b]
            ratio = dated_cohesion if _agreeing(agreeing[a, b], known[a, b], pairs, agreement, share) \
                else cohesion
            if len(tight) == 2 and (average[a, b] < ratio * min(tight) or
                                    _agreeing(far[a, b], known[a, b], pairs, apart_share, share)):
                blocked[a, b] = blocked[b, a] = True
                continue
            inside[a] += inside[b] + between[a, b]
            size[a] += size[b]
            for pairwise in (between, agreeing, known, far):
                pairwise[a, :] += pairwise[b, :]
                pairwise[:, a] += pairwise[:, b]
                pairwise[a, a] = 0.0
            blocked[a, :] |= blocked[b, :]
            blocked[:, a] |= blocked[:, b]
            alive[b] = False
            label[label == b] = a

    rng = np.random.default_rng(7)
    for trial in range(60):
        m = int(rng.integers(2, 40))
        centres = rng.random((int(rng.integers(1, 5)), 12))
        x = centres[rng.integers(0, len(centres), m)] + rng.random((m, 12)) * rng.random() * 2
        x /= np.linalg.norm(x, axis=1)[:, None]
        sim = np.clip((x @ x.T - 0.7) * 3, 0.0, 1.0)
        if trial % 3 == 0:
            sim = np.round(sim, 1)  # ties: the first best pair wins in both
        np.fill_diagonal(sim, 1.0)
        agree = np.triu(rng.choice([-1.0, 0.0, 1.0], size=(m, m)), 1)
        agree += agree.T
        apart = (agree < 0) * (rng.random((m, m)) < 0.5)
        apart = np.triu(apart, 1) + np.triu(apart, 1).T
        args = (sim, 0.12, 0.6, agree, 0.4, 0.5, 0.1, apart.astype(float), 0.7)
        rule = MergeRule(0.12, 0.6, 0.4, 0.5, 0.1, 0.7)
        assert _cohesive_average_link(sim, rule, agree, apart.astype(float)) == full_search(*args)
    config = Config().cluster
    assert config.exact_limit >= config.max_component  # every component is agglomerated exactly


def test_a_number_inside_a_name_is_not_a_quantity():
    doc = comparer.Document.from_text(
        "China grounds its Boeing 737 jets. The COVID-19 rules and F-35 orders stay. The crash killed "
        "157 people on May 18, 2019; the score was 91-73.", id="x")
    counts = signature(doc, Config()).counts
    numbers = {f for f in counts if f.startswith("n:")}
    assert numbers == {"n:157", "n:18", "n:2019", "n:91", "n:73"}
    assert "e:boeing 737" in counts   # a name feature, weighed by its rarity like any name
    assert "e:covid-19" in counts and "e:f-35" in counts


def test_little_shared_evidence_discounts_a_similarity_unless_the_dates_agree():
    from comparer.event_signature import evidence_factor

    cluster = ClusterConfig(evidence=10.0)
    assert evidence_factor(10.0, cluster) == pytest.approx(0.5)
    assert evidence_factor(90.0, cluster) == pytest.approx(0.9)
    assert evidence_factor(10.0, cluster, agreement=1.0) == 1.0
    assert evidence_factor(10.0, ClusterConfig(evidence=0.0)) == 1.0


_RULINGS = [
    ("salmon1", "Supreme Court upholds state salmon quota",
     "The Supreme Court upheld the state quota on salmon fishing in coastal rivers on Monday, 6-3."),
    ("salmon2", "Supreme Court backs salmon quota in 6-3 ruling",
     "A divided Supreme Court upheld the governor's quota on salmon fishing in coastal rivers."),
    ("pension", "Supreme Court rules against teacher pension cuts",
     "The Supreme Court ruled that retired teachers cannot lose pensions they have already earned."),
    ("mural", "Supreme Court sides with Vermont painter",
     "The Supreme Court ruled for a Vermont painter who refused to paint over a mural on his barn."),
    ("districts", "Supreme Court sends back Ohio school district case",
     "The Supreme Court declined to rule on school district lines drawn by Ohio officials."),
    ("lottery", "Supreme Court strikes down federal lottery rule",
     "The Supreme Court struck down a federal rule that barred tribes from running online lotteries."),
    ("tolls", "Supreme Court lets states charge bridge tolls",
     "The Supreme Court ruled that states may charge trucks tolls on interstate bridges."),
    ("drones", "Supreme Court requires warrants for police drones",
     "The Supreme Court ruled that police generally need a warrant to fly drones over private homes."),
]


def test_rulings_sharing_only_their_court_stay_apart_and_the_why_names_the_specific_evidence():
    docs = [comparer.Document.from_text(text, id=key, title=title) for key, title, text in _RULINGS]
    report = cluster(docs)
    groups = [c for c in report.clusters if len(c.documents) > 1]
    assert [c.documents for c in groups] == [("salmon1", "salmon2")]
    why = groups[0].why
    assert "salmon" in why.split("shared words: ")[1].split(";")[0]
    assert "topic: Supreme Court" in why          # named, but as the topic, after the specific evidence
    assert why.index("shared words") < why.index("topic:")


def test_a_lone_report_joins_the_group_it_is_clearly_closest_to():
    import numpy as np
    from scipy import sparse

    from comparer.events import attach_singletons
    from comparer.event_signature import Signature

    rows = np.array([[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.5, 0.0, 0.87], [0.0, 0.0, 1.0]])
    matrix = sparse.csr_matrix(rows / np.linalg.norm(rows, axis=1)[:, None])
    signatures = [Signature({}, {}, (), None)] * 4
    near = np.array([[0, 2], [1, 2], [2, 3]])
    cluster = ClusterConfig(threshold=0.5, attach=0.8, attach_margin=0.0)
    groups = attach_singletons([[0, 1], [2], [3]], near, matrix, signatures, cluster, None, np.zeros(4))
    assert sorted(map(sorted, groups)) == [[0, 1], [2, 3]]  # 2 is closer to 3 (0.87) than to 0 and 1
    # as close to two groups: stays alone
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.1], [0.1, 1.0]])
    matrix = sparse.csr_matrix(rows / np.linalg.norm(rows, axis=1)[:, None])
    near = np.array([[0, 2], [1, 2], [2, 3], [2, 4]])
    clear = dataclasses.replace(cluster, attach_margin=0.1)
    groups = attach_singletons([[0, 3], [1, 4], [2]], near, matrix, signatures * 2, clear, None, np.zeros(5))
    assert sorted(map(sorted, groups)) == [[0, 3], [1, 4], [2]]


def test_the_why_shows_whole_names_and_a_day_without_a_year_as_a_date():
    """"Ilse Varga", not "Varga, Ilse"; "March 14" is the event's date, its 14 no shared quantity;
    an office ("Commissioner") is no name."""
    docs = [comparer.Document.from_text(text, id=doc_id) for doc_id, text in [
        ("a", "Harbour Commissioner Ilse Varga said on Friday that the ferry terminal at Brightwater would close "
              "by March 14. Varga told reporters the terminal, run by Coastline Ferries Ltd, had lost money for years."),
        ("b", "The Brightwater ferry terminal will shut by March 14, Harbour Commissioner Ilse Varga announced. "
              "Ilse Varga said Coastline Ferries Ltd had run the terminal at a loss."),
    ]]
    (event,) = comparer.cluster(docs).clusters
    names = event.why.split(";")[0].removeprefix("shared names: ").split(", ")
    assert sorted(names) == ["Brightwater", "Coastline Ferries Ltd", "Ilse Varga"]
    assert "date March 14 (2 of 2 documents)" in event.why
    assert "shared numbers" not in event.why and "Commissioner" not in event.why


def test_the_why_gives_shared_words_as_written_and_one_event_told_in_other_forms_of_its_words_is_one():
    """Word features are stems, so "grounds" and "grounded" are one feature; the why shows the word
    as a report writes it, not the stem."""
    docs = [comparer.Document.from_text(text, id=doc_id) for doc_id, text in [
        ("a", "Veloria grounds its Kestrel airliners after the Marrow Bay crash. The aviation regulator "
              "of Veloria ordered carriers to ground every Kestrel until inspections end."),
        ("b", "Kestrel airliners grounded by Veloria following crash at Marrow Bay. Carriers were ordered to keep "
              "the planes grounded pending inspections, the regulator said."),
    ]]
    (event,) = comparer.cluster(docs).clusters
    assert event.documents == ("a", "b")
    words = next(part for part in event.why.split("; ") if part.startswith("shared words: "))
    shown = words.removeprefix("shared words: ").split(", ")
    assert any(w.startswith("ground") for w in shown) and all(w in docs[0].text.lower() for w in shown)


def test_a_title_case_headline_gives_the_names_of_its_text_not_a_name_per_word():
    """Outlets capitalise headlines differently: "Harbour Board Votes To Close Terminal" names
    Brightwater, as its text does, and makes no names of "Votes" or "Close"."""
    text = ("The harbour board of Brightwater voted on Monday to close the ferry terminal, which Coastline "
            "Ferries had run at a loss since the spring.")
    titled = signature(comparer.Document(id="a", text=text, title="Brightwater Harbour Board Votes To Close "
                                                                  "Loss-Making Ferry Terminal"), Config())
    plain = signature(comparer.Document(id="b", text=text, title="Brightwater harbour board votes to close "
                                                                 "loss-making ferry terminal"), Config())
    assert "e:brightwater" in titled.counts
    assert not {"e:votes", "e:close", "e:ferry", "e:harbour"} & set(titled.counts)
    assert {f for f in titled.counts if f.startswith("e:")} == {f for f in plain.counts if f.startswith("e:")}


def test_a_name_of_one_word_weighs_name_word_weight():
    """A one-word name is a word feature as well: its name feature weighs ``name_word_weight``,
    a name of several words ``name_weight``."""
    from comparer import events

    features = ["e:ostrander", "e:carrow vale", "w:ostrander"]
    light = events.kind_weights(features, ClusterConfig(name_weight=1.5, name_word_weight=0.5))
    assert light.tolist() == [0.5, 1.5, 1.0]
    # two reports that share only a one-word name are closer the more such a name weighs
    docs = [comparer.Document.from_text(t, id=i) for i, t in [
        ("a", "The tribunal in Ostrander fined the ferry operator over late sailings."),
        ("b", "Residents of Ostrander protested a planned landfill near the river."),
        ("c", "Harvest festival draws record crowds to the valley.")]]

    def cosine(weight: float) -> float:
        config = Config(cluster=ClusterConfig(name_word_weight=weight))
        matrix, *_ = events.vectors((signature(d, config).counts for d in docs), config.cluster)
        return float(matrix[0].multiply(matrix[1]).sum())

    assert cosine(0.3) < cosine(1.2) < cosine(3.0)
