"""Demo posts: a few hundred realistic posts in Roman Urdu, Urdu, Sindhi and English, clean and violating.

Built from templates with fillers under a fixed seed, so every demo run makes the same posts; each is linked to a
demo officer ("demo data: synthetic link") so the guardrail on monitored accounts lets it in.
"""

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

PLACES = ["Korangi", "Landhi", "Saddar", "Gulshan", "Lyari", "Orangi", "Malir", "Clifton", "Gulberg", "Shah Faisal"]
PLACES_UR = ["کورنگی", "لانڈھی", "صدر", "گلشن", "لیاری", "اورنگی", "ملیر", "کلفٹن"]
PLACES_SD = ["ڪورنگي", "لانڍي", "صدر", "گلشن", "لياري", "ملير"]
PARTIES = ["PTI", "PPP", "MQM", "noon league", "jamat e islami", "TLP"]
PARTIES_UR = ["پی ٹی آئی", "پیپلز پارٹی", "ایم کیو ایم", "ن لیگ", "جماعت اسلامی"]
GROUPS = ["pathan", "sindhi", "mohajir", "punjabi", "baloch", "christian", "hindu", "shia"]

# (category, language, template). Categories name the clause a post touches: clean, sm1 (police identifiers in a
# personal video), sm2 (mockery of a group), sm3 (personal, political or religious view), sm5 (premises).
TEMPLATES: list[tuple[str, str, str]] = [
    ("clean", "roman_ur", "Aaj {place} mein khuli katchehri hui, awam ke masail suney gaye"),
    ("clean", "roman_ur", "Eid mubarak sab doston ko, Allah sab ko khush rakhe"),
    ("clean", "roman_ur", "Beti ka result aaya, A grade! Bohat khushi hui"),
    ("clean", "roman_ur", "{place} mein traffic bohat ziada hai aaj, mutabadil rasta lein"),
    ("clean", "roman_ur", "Cricket match dekha, kya zabardast khel tha"),
    ("clean", "en", "Blood donation camp at {place} today. Thank you to every donor!"),
    ("clean", "en", "Happy birthday to my little brother, proud of you"),
    ("clean", "en", "Road safety week: wear a helmet, save a life"),
    ("clean", "ur", "آج {place_ur} میں شجرکاری مہم میں حصہ لیا"),
    ("clean", "ur", "سب دوستوں کو عید مبارک"),
    ("clean", "ur", "بارش کے بعد {place_ur} کی سڑکیں صاف کر دی گئیں"),
    ("clean", "sd", "اڄ {place_sd} ۾ وڻ پوکيا ويا"),
    ("clean", "sd", "سڀني دوستن کي عيد مبارڪ"),
    ("sm3", "roman_ur", "{party} zindabad! Agla election hum hi jeetenge"),
    ("sm3", "roman_ur", "Ye hukumat chor hai, {party} hi mulk bacha sakti hai"),
    ("sm3", "roman_ur", "Kaptan hamara leader hai, baqi sab chor hain"),
    ("sm3", "roman_ur", "Bhutto zinda hai, jiyale {place} mein jalsa karenge"),
    ("sm3", "roman_ur", "Asli musalman wohi hai jo namaz parhe, baqi sab kafir hain"),
    ("sm3", "en", "Vote for {party} in the by-election, the only honest party"),
    ("sm3", "en", "This government is a traitor to the nation, {party} will fix it"),
    ("sm3", "ur", "{party_ur} زندہ باد، اگلی حکومت ہماری ہوگی"),
    ("sm3", "ur", "یہ حکومت چور ہے، عوام {party_ur} کو ووٹ دیں"),
    ("sm3", "sd", "ڀٽو زندهه آهي، جيالا {place_sd} ۾ جلسو ڪندا"),
    ("sm2", "roman_ur", "Ye {group} log sab ganday aur jahil hain, inko {place} se nikalo"),
    ("sm2", "roman_ur", "{group} ka mazaq dekho, ye log kabhi insaan nahi ban sakte"),
    ("sm2", "roman_ur", "Aurat ka kaam ghar sambhalna hai, naukri nahi, ye sab besharam hain"),
    ("sm2", "en", "All {group}s are dirty criminals, keep them out of {place}"),
    ("sm2", "en", "Look at this {group} clown, these people are animals"),
    ("sm1", "roman_ur", "Wardi pehen ke naya TikTok, sarkari gari ke saath {place} mein"),
    ("sm1", "roman_ur", "Thane ki mobile mein gaana, pistol ke saath video"),
    ("sm1", "en", "New reel in uniform with the police van at {place} checkpost"),
    ("sm1", "ur", "وردی میں نئی ویڈیو، سرکاری گاڑی کے ساتھ"),
    ("sm5", "roman_ur", "Dost ne thane ke andar shooting ki, {place} police station ka set"),
    ("sm5", "en", "Vlogger shooting inside {place} police station today, thanks to the SHO"),
]
PLATFORMS = [("tiktok", "https://www.tiktok.com/@{h}/video/{n}"), ("facebook", "https://www.facebook.com/{h}/posts/{n}"),
             ("instagram", "https://www.instagram.com/p/{h}{n}/"), ("youtube", "https://www.youtube.com/shorts/{h}{n}"),
             ("x", "https://x.com/{h}/status/{n}")]  # fmt: skip
DIRECTIVE_AT = datetime(2024, 9, 20, 4, 0, tzinfo=UTC)


@dataclass(frozen=True)
class DemoPost:
    category: str
    language: str
    platform: str
    url: str
    text: str
    posted_at: datetime
    author_index: int
    views: int
    likes: int
    followers: int

    @property
    def has_picture(self) -> bool:
        """Clause 1 is about police identifiers in media: these posts carry a still showing police markings."""
        return self.category == "sm1"


@cache
def marking_picture() -> bytes:
    """A synthetic still of a police vehicle's side: "SINDH POLICE" and the helpline, as OCR reads them (PNG)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (640, 360), (20, 40, 110))
    draw = ImageDraw.Draw(img)
    draw.rectangle((40, 120, 600, 250), fill=(245, 245, 245))
    draw.text((70, 150), "SINDH POLICE", font=ImageFont.load_default(size=60), fill=(10, 30, 120))
    draw.text((170, 275), "MADADGAR 15", font=ImageFont.load_default(size=36), fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def demo_posts(count: int = 360, authors: int = 120, seed: int = 20240920) -> Iterator[DemoPost]:
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    for n in range(count):
        category, language, template = TEMPLATES[n % len(TEMPLATES)]
        text = template.format(place=rng.choice(PLACES), place_ur=rng.choice(PLACES_UR),
                               place_sd=rng.choice(PLACES_SD), party=rng.choice(PARTIES),
                               party_ur=rng.choice(PARTIES_UR), group=rng.choice(GROUPS))  # fmt: skip
        platform, pattern = PLATFORMS[rng.randrange(len(PLATFORMS))]
        author = rng.randrange(authors)
        handle = f"officer{author:03d}"
        url = pattern.format(h=handle, n=7_300_000_000 + n)
        before = rng.random() < 0.1
        posted = DIRECTIVE_AT + timedelta(days=rng.uniform(-40, -1) if before else rng.uniform(1, 780))
        views = int(rng.lognormvariate(7, 1.5))
        yield DemoPost(category, language, platform, url, text, posted, author, views, views // rng.randint(8, 40),
                       int(rng.lognormvariate(6, 1.2)))  # fmt: skip
