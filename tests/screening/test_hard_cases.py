"""The hard cases of issue 3: what must be flagged and what must not, in all four languages.

Each case names the label that must (or must not) be decided; a regression in the lexicons, the cues or
the models makes one of these fail.
"""

import pytest

from zabta.screening.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _decided(pipeline: Pipeline, text: str, label: str) -> bool:
    sig = pipeline.screen(text).signal(label)
    assert sig is not None
    return sig.decision


@pytest.mark.parametrize(
    "text",
    [
        "Sindhi kutte hain sab",  # dehumanising comparison, Roman Urdu
        "s1ndhi k.u.t.t.e hain",  # the same with leetspeak and separators
        "sab p a t h a n gadhe hain",  # spaced letters
        "Hindu 🐷 hain",  # emoji comparison
        "ek joke suno: ek Pathan aur ek gadha... dono mein farq nahi lol",  # mockery as a joke
        "mohajir makorey hain, chuhay ki tarah",
        "m0hajir makore hain sab",  # leetspeak and another spelling of "cockroaches"
        "Ahmadi kafir hain, wajib ul qatl",
        "احمدی کافر ہیں",  # Urdu script
        "ہندو سور ہیں",
        "Christians are filthy pigs",  # English
        "Hindus are vermin and should be wiped out",
        "ye chamar log gande hote hain",  # caste
        "women belong in the kitchen, they have no brains",  # gender
        "هندو ڪتا آهن",  # Sindhi script
        "ہندو کتے ہیں lol",  # Urdu with a "joke" marker
        "yeh Hindu log 🐷 hain, I swear",  # code-mixed
        "Shia log kafir hain, inka bycott karo",  # takfir of a sect, with a boycott call
        "Sunni log kafir hain",
    ],
)
def test_identity_attacks_are_flagged(pipeline: Pipeline, text: str) -> None:
    assert _decided(pipeline, text, "identity_attack")


@pytest.mark.parametrize(
    "text",
    [
        "I am a proud Sindhi",  # identity term in positive use
        "Christians celebrate Christmas",
        "Sindhi culture day mubarak sab ko",
        'Someone wrote "Sindhi kutte hain" on the wall; this hate is unacceptable and we condemn it',  # reported
        "Hazara log kutte nahi hain, insaan hain",  # negated
        "Pathan bhai bohat mehnati hote hain",
        "mein Punjabi hun aur mujhe fakhar hai",
        "Hindu community celebrated Holi peacefully in Saddar",
        "calling Baloch traitors is wrong and disgusting",  # counter-speech
        "jo log Ahmadi ko kafir keh kar qatl ki baat karte hain woh ghalat hain",  # counter-speech, Roman Urdu
        "women officers did a great job today",
        "سنڌي ماڻهو سٺا آهن",  # Sindhi: "Sindhi people are good"
        "ہم سب پاکستانی ہیں، سندھی، پنجابی، پٹھان سب بھائی ہیں",
        "koi kami nahi hai, sab intezam mukammal",  # "kami" (lack) is not the caste slur "kammi"
        "bhaiya ek chai aur do samose dena",  # "bhaiya" (brother) as a friendly address
        "mobile chura liya gaya Saddar mein, FIR darj",  # "chura" (stole)
        "Shia ko kafir kehna bilkul ghalat hai",  # counter-speech against takfir
        "Shia kafir nahi hain, hamare bhai hain",  # negated
    ],
)
def test_neutral_positive_reported_and_counter_speech_are_not_identity_attacks(pipeline: Pipeline, text: str) -> None:
    assert not _decided(pipeline, text, "identity_attack")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("PTI zindabad!", "political_view"),
        ("Imran Khan chor hai", "political_view"),
        ("Bilawal ko vote do", "political_view"),
        ("عمران خان زندہ باد", "political_view"),
        ("نواز شریف چور ہے", "political_view"),
        ("Namaz na parhne wala jahannami hai", "religious_view"),
        ("Shia kafir hain", "religious_view"),
        ("mera khayal hai ke transfer policy ghalat hai", "personal_view"),
        ("tankhwah 3 mahine se nahi mili, ye zulm hai", "personal_view"),
    ],
)
def test_views_are_flagged(pipeline: Pipeline, text: str, label: str) -> None:
    assert _decided(pipeline, text, label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Jumma Mubarak", "religious_view"),  # a greeting is no view
        ("Eid Mubarak to all", "religious_view"),
        ("Christians celebrate Christmas", "religious_view"),
        ("Duty at Numaish chowrangi for PPP rally tomorrow 10am", "political_view"),  # a mention, not a view
        ("chor bhai pakra gaya Korangi se", "political_view"),  # "bhai" (brother) is no leader, "chor" no stance here
        ("mere bhai ki shaadi hai kal, sab dua karna", "religious_view"),  # asking for prayers is no view
        ("Please pray for our injured constable Asif", "religious_view"),
    ],
)
def test_greetings_and_mentions_are_not_views(pipeline: Pipeline, text: str, label: str) -> None:
    assert not _decided(pipeline, text, label)


# Benign police posts about religion or a community, written for this test and in no training file: the harm
# models learnt religious and ethnic words as hate from public datasets with few such posts.
BENIGN_COMMUNITY_POSTS = [
    "Diwali ki raat Clifton ke mandir pe extra nafri lagayi gayi hai",
    "Muharram ke juloos ke liye Nishtar Park mein security plan final ho gaya",
    "Easter pe Saddar ke church ke bahar do mobile aur ek lady constable tainaat",
    "Sikh yatri kal subah Karachi pohnchenge, escort Malir se hoga",
    "Ramzan mein iftar ke waqt traffic signals pe wardens tainaat rahenge",
    "Security for the Hindu community's Holi gathering at Swaminarayan temple is in place",
    "Christmas mass at the cathedral tonight, roads around it closed from 9pm",
]


@pytest.mark.parametrize("text", BENIGN_COMMUNITY_POSTS)
def test_benign_community_and_festival_posts_raise_no_harm_label(pipeline: Pipeline, text: str) -> None:
    for label in ("identity_attack", "abusive", "profane"):
        assert not _decided(pipeline, text, label), label


@pytest.mark.parametrize(
    "text",
    [
        "سنڌي ماڻهو ڏاڍا مهمان نواز آهن",  # Sindhi: "Sindhi people are very hospitable"
        "ہزارہ لوگ کتے نہیں، انسان ہیں",  # Urdu: a negated comparison, said against hate
        "Sindhi log bohat mehman nawaz hote hain",
    ],
)
def test_posts_about_a_community_without_view_terms_are_no_view(pipeline: Pipeline, text: str) -> None:
    for label in ("political_view", "personal_view"):
        assert not _decided(pipeline, text, label), label


def test_a_community_named_with_a_party_and_a_stance_is_still_a_political_view(pipeline: Pipeline) -> None:
    assert _decided(pipeline, "Sindhi bhaiyon, PPP zindabad! Bhutto zinda hai", "political_view")


@pytest.mark.parametrize(
    "text",
    [
        "Baloch bhai mehnati hain, magar Lyari mein hafte se pani nahi aya, tanker mafia ka raj hai",
        "Pathan log bohat mehman nawaz hain, lekin Sohrab Goth mein 2 hafte se pani nahi",
        "ہزارہ برادری پرامن ہے مگر دو ہفتے سے پانی نہیں آیا۔",  # Urdu: "... but no water for two weeks"
    ],
)
def test_a_community_named_beside_a_public_grievance_is_still_a_personal_view(pipeline: Pipeline, text: str) -> None:
    # Water is a public issue (the clause-3 README): a listed matter keeps the community-only cap off the model's yes.
    assert _decided(pipeline, text, "personal_view")


@pytest.mark.parametrize(
    "text",
    [
        "Jeay Bhutto! PPP hi Sindh ki awaz hai",  # a party slogan is a political view, not a personal one
        "Nawaz Sharif ne mulk ko loota, inhe vote mat do",
        "Qawwali sunna haram hai, is se tauba karo",  # a ruling is a religious view
        "نماز چھوڑنے والا جہنمی ہے",
        "Mera transfer Korangi ho gaya, naya thana naye log 🙂",  # a transfer without complaint
        "Pani ka tanker aaj 11 baje aayega, sab bartan bhar lein",  # a public matter as a notice
    ],
)
def test_other_views_and_notices_are_not_personal_views(pipeline: Pipeline, text: str) -> None:
    assert not _decided(pipeline, text, "personal_view")
