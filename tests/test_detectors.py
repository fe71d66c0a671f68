"""Detector case tables: two one-claim documents, the kinds the diff reports."""

from __future__ import annotations

import pytest

from comparer.diffing import diff
from comparer.detectors import DETECTORS
from comparer.types import DISCREPANCY_KINDS, Document


def kinds(a: str, b: str, published: str | None = "2023-05-19") -> list[str]:
    docs = [Document.from_text(a, id="a", published=published), Document.from_text(b, id="b", published=published)]
    return [d.kind for d in diff(docs).discrepancies if d.kind != "omission"]


CASES = [
    ("entity-slot", "Arizona is a state in the United States.", "Arizona is a state in Mexico.", ["entity"]),
    ("entity-alias", "Biden met leaders of the ROK on Friday.", "Biden met leaders of South Korea on Friday.", []),
    ("entity-capital", "The G7 pledged support for Ukraine.", "The G7 pledged support for Kyiv.", []),
    ("number", "The blast killed 12 people in the capital.", "The blast killed 21 people in the capital.",
     ["number"]),
    ("number-conversion", "The missile flew 1,000 km (600 mi) before landing.",
     "The missile flew 1,000 km before landing.", []),
    ("number-bound", "The album sold 258,000 copies in its first week.",
     "The album sold more than 100,000 copies in its first week.", []),
    ("date-weekday", "Kishida met Biden on Thursday in Hiroshima.", "Kishida met Biden on May 18 in Hiroshima.", []),
    ("date-differs", "Kishida met Biden on Thursday in Hiroshima.", "Kishida met Biden on May 14 in Hiroshima.",
     ["date"]),
    ("date-month", "Anne Sullivan was born on April 14, 1866.", "Anne Sullivan was born in June of 1866.",
     ["date"]),
    ("negation", "The two sides agreed to extend the ceasefire.",
     "The two sides did not agree to extend the ceasefire.", ["negation"]),
    ("negation-other-scope", "Neil Diamond is an American singer, musician and actor.",
     "Neil Diamond is not a football player.", []),
    ("negation-cue-word", "Dawkins makes regular television and Internet appearances.",
     "Richard Dawkins has yet to appear on the internet.", ["negation"]),
    ("ordinal", "The song is on her second studio album, released in 2008.",
     "The song is on her first studio album.", ["number"]),
    ("ordinal-listed", "The series began its seventh and final season after its sixth season.",
     "The series' final season was its seventh season.", []),
    ("predicate-weak-link", "Lost is an American television drama series that aired on ABC from 2004 to 2010.",
     "Lost is a political party.", ["entity"]),
    ("antonym", "The ministry confirmed the talks in Geneva.", "The ministry denied the talks in Geneva.",
     ["negation"]),
    ("quote", 'The minister said the deal was "a cornerstone of peace and stability in the region".',
     'The minister said the deal was "a cornerstone of peace and security in the region".', ["quote"]),
    ("attribution", '"We will not back down," Joe Biden said at the summit.',
     '"We will not back down," Fumio Kishida said at the summit.', ["attribution"]),
    ("modality", "The company will close the plant next year.", "The company may close the plant next year.",
     ["modality"]),
    ("list", "They agreed to cooperate on quantum, semiconductors and artificial intelligence.",
     "They agreed to cooperate on quantum, energy and startups.", ["list"]),
    ("same", "Heavy rain flooded the old town on Sunday.", "Heavy rain flooded the old town on Sunday.", []),
    ("date-bare-year", "Private Lives is a 1930 comedy in three acts by Noel Coward.",
     "Private Lives is a 1940 comedy in three acts by Noel Coward.", ["date"]),
    ("date-treebank-year", "The film was released on March 23 , 2007 .", "The film was released in 2017 .",
     ["date"]),
    ("date-one-claim-each", "Distributed by Columbia Pictures, the film was released on March 23, 2007, to mixed "
     "reviews from critics.", "Reign Over Me was released in 2017.", ["date"]),
    ("predicate", "Basildon is the largest town in the borough of Basildon in Essex.", "Basildon is a song.",
     ["entity"]),
    ("predicate-agrees", "Carlos Santana is a Mexican and American musician who became famous in the 1960s.",
     "Carlos Santana is a musician.", []),
    ("antonym-prefix", "The launch of the rocket was successful, officials said.",
     "The launch of the rocket was unsuccessful, officials said.", ["negation"]),
    ("antonym-hyphen-prefix", "They drafted a non-binding priorities list on Monday.",
     "They drafted a nonbinding priorities list on Monday.", []),
    ("antonym-fictional", "Middle-earth is the fictional setting of the novels.",
     "Middle-earth is a real setting of the novels.", ["negation"]),
    ("entity-negated", "SpongeBob SquarePants is a French animated television series.",
     "SpongeBob SquarePants is not an American series.", []),
    ("entity-acronym", "The IAEA said ElBaradei would visit Tehran next week.",
     "The International Atomic Energy Agency said ElBaradei would visit Tehran next week.", []),
    ("negation-other-modifier", "Meteora is the second studio album by the blues guitarist Buddy Guy.",
     "Meteora is not a rock album.", []),
    ("negation-copular", "She has never appeared on the cover of a fashion magazine.",
     "Ashley Graham was on a magazine cover.", ["negation"]),
    ("modifier", "Marnie is a 1964 American psychological thriller film directed by Alfred Hitchcock.",
     "Marnie is a romantic film.", ["entity"]),
    ("modifier-insertion", "Marnie is a film directed by Alfred Hitchcock.", "Marnie is a 1964 thriller film.", []),
    ("modifier-name-only", "Marnie is a 1964 thriller film.", "Marnie is an American film.", []),
    ("modifier-shared", "Marnie is a psychological thriller film.", "Marnie is a thriller film.", []),
    ("modifier-adverb", "Brubaker is a 1980 Australian prison drama film.", "Brubaker is a solely Australian film.",
     []),
    ("predicate-shared-nationality", "The Mod Squad is an American crime drama series that ran on ABC.",
     "The Mod Squad is an American movie.", ["entity"]),
    ("predicate-same-kind", "The Mod Squad is an American film released in 1973.",
     "The Mod Squad is an American movie.", []),
    ("predicate-known-as", "Seo Ju-hyun (born June 28, 1991), known professionally as Seohyun, is a South Korean "
     "singer and actress.", "Seohyun is a dog.", ["entity"]),
    ("exclusive", "In 1959 the Dalai Lama fled to India, where he lives as a refugee.",
     "The Dalai Lama lives in Japan exclusively.", ["entity"]),
    ("exclusive-same", "In 1959 the Dalai Lama fled to India, where he lives as a refugee.",
     "The Dalai Lama lives only in India.", []),
    ("entity-slot-runs-on", "Vedam is a 2010 Indian drama film written and directed by Radhakrishna Jagarlamudi, "
     "starring Allu Arjun, Manoj Manchu, Anushka Shetty, Manoj Bajpayee and Deeksha Seth.",
     "Vedam was written and directed by Christopher Nolan.", ["entity"]),
    ("exclusive-list", "Ekta Kapoor is an Indian TV and film producer.", "Ekta Kapoor only worked in film.",
     ["entity"]),
    ("exclusive-list-agrees", "Ekta Kapoor is an Indian TV and film producer.",
     "Ekta Kapoor worked in TV and film.", []),
    ("exclusive-list-not-only", "Ekta Kapoor is an Indian TV and film producer.",
     "Ekta Kapoor worked not only in film.", []),
    ("exclusive-list-other-subject", "Ekta Kapoor is an Indian TV and film producer.",
     "Her sister only worked in film.", []),
    ("predicate-pronoun", "Daggering is a Jamaican dance.", "It is a heavy metal song.", ["entity"]),
    ("predicate-pronoun-hypernym", "He is the lead vocalist and drummer of the band.",
     "Pharrell Williams is a musician.", []),
    ("entity-slot-names-only-around", '"Sales rose sharply this year," said Ann Berg, Vexo\'s chief executive.',
     '"Sales rose sharply this year," Ann Berg told the Daily Ledger.', []),
    ("entity-slot-fronted-clause", "Distributed by Orion Pictures, the film was released in 2009.",
     "Night Shift was released in 2009.", []),
    ("entity-slot-pronoun-subject", "She was survived by her husband Carl and two daughters.",
     "Anna Berg had two daughters.", []),
    ("entity-slot-bracketed", "Oakridge (Lakota: Wiyaka Ksapa) is a city in Montana.", "Oakridge, Montana is a city.",
     []),
    ("entity-decomposed-accent", "Lina modelled for Mango and L'Ore\u0301al.", "Lina Ruiz modelled for L'Oréal.", []),
    ("entity-first-letter", "Amal Roy is a film producer in Tollywood.", "Amal Roy only works in Bollywood.",
     ["entity"]),
    ("entity-swap-name-piece", "The crew died in a storm during the Eighth Italian War.",
     "The crew of France died in a storm.", []),
    ("negation-stayed-away", "The author has stayed away from the crime thriller genre.",
     "Dana Holt wrote a crime thriller.", ["negation"]),
    ("negation-both-cues", "The author has stayed away from the crime thriller genre.",
     "Dana Holt did not write a crime thriller.", []),
    ("negation-turned-down", "The singer turned down offers to sign with Apex Records.",
     "The singer refused to sign with Apex Records.", []),
    ("negation-disassociated", "The song is disassociated from Mara Vale.", "The song is by the singer Mara Vale.",
     ["negation"]),
    ("negation-is-yet-to", "The poet is yet to publish a novel.", "The poet publishes a novel.", ["negation"]),
    ("negation-is-yet-to-both", "The poet is yet to publish a novel.", "The poet has yet to publish a novel.", []),
    ("negation-avoid-purpose", "She took the pills to avoid mild headaches.",
     "She took the pills to stave off mild headaches.", []),
    ("negation-avoiding", "He is still avoiding the press.", "He met the press.", ["negation"]),
    ("predicate-distinct-kinds", "Night Harbor is a 2015 Irish crime drama film set in Cork.",
     "Night Harbor is a 2015 Irish crime drama novel.", ["entity"]),
    ("predicate-generic-head", "Oakfield is the largest town in the district of Marlow.", "Oakfield is a place.", []),
    ("predicate-kin-elsewhere", "Ruth Kane was an American actress, dancer and author.", "Ruth Kane was a writer.",
     []),
    ("predicate-kin-performer", "Tamsin Holt is a British singer, songwriter and record producer.",
     "Tamsin Holt is a pop music performer.", []),
    ("predicate-title-subject", "Crimson Tide Rising is a TV show by the producer Lee Park.",
     "Crimson Tide Rising is the debut album of a singer.", ["entity"]),
    ("predicate-subtitle", "Ghar: A Song of Home is a 1981 drama film produced and directed by Ravi Kumar.",
     "Ghar is a sculpture.", ["entity"]),
    ("predicate-other-script", "Mira Haddad ميرا (born 3 March 1991) is a Lebanese singer.", "Mira Haddad is a horse.",
     ["entity"]),
    ("predicate-called", "There is a river called Veska.", "Veska is the largest city in the province.", ["entity"]),
    ("modifier-called", "Basques are an ethnic group native to Spain.", "This is a religious group called Basques.",
     ["entity"]),
    ("modifier-shortened", "Delta Nine is an American pornographic website.", "Delta Nine is a porn website.", []),
    ("predicate-within", "Corvo is an island state within the Azores Archipelago.", "Corvo is a city.", ["entity"]),
]


@pytest.mark.parametrize("a, b, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detector_case(a, b, expected):
    assert kinds(a, b) == expected


def test_registry_covers_every_pair_kind():
    names = [name for name, _ in DETECTORS]
    assert set(names) | {"omission"} == set(DISCREPANCY_KINDS)
    assert len(set(fn for _, fn in DETECTORS)) == len(DETECTORS)
    assert all(callable(fn) for _, fn in DETECTORS)
