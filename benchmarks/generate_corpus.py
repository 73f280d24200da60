"""Deterministic multilingual news corpus for benchmarks: templates written for this
project in ru/en/kk/az, filled with varied numbers, units, scale words, dates and
traps (years, dates, COP29, CO2, phone numbers, URLs), between sentences without
a quantity, as news is: about 4 KB per article and 3 mentions per KB, like the
real documents in ../shared/seeds.

    uv run python benchmarks/generate_corpus.py --mb 10 --out /tmp/corpus10 [--seed 7]

writes /tmp/corpus10/docs/*.txt and /tmp/corpus10/corpus.parquet (doc_id, text,
source, published) with the same articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PLACES = {
    "ru": ["Алматы", "Карагандинской области", "Павлодаре", "Восточно-Казахстанской области",
           "Шымкенте"],
    "en": ["Almaty", "the Karaganda region", "Pavlodar", "East Kazakhstan Region", "Shymkent"],
    "kk": ["Алматыда", "Қарағанды облысында", "Павлодарда", "Шымкентте", "Атырау облысында"],
    "az": ["Bakıda", "Sumqayıtda", "Gəncədə", "Abşeronda", "ölkədə"],
}
SENTENCES = {
    "ru": [
        ("В {year} году выбросы в {place} составили {dec} тыс. тонн, "
         "что на {pct}% меньше, чем годом ранее."),
        "До {future} года планируется построить {int} км сетей стоимостью {dec} млрд тенге.",
        "Мощность новой станции составит {int} МВт, выработка — около {dec} млн кВт·ч в год.",
        "За {small} месяцев {year} года высажено {int} тыс. деревьев на площади {dec} га.",
        "Доля переработанных отходов выросла с {pct}% до {pct2}%.",
        "Участники COP29 обсудили CO2 и PM2.5; справки по телефону +7 (727) {phone}.",
        "Подробнее на сайте eco{int}.kz, заседание прошло {day} марта {year} года.",
    ],
    "en": [
        ("In {year}, emissions in {place} reached {dec} thousand tons, "
         "down {pct}% from a year earlier."),
        "By {future}, the region plans to build {int} km of networks worth {dec} billion tenge.",
        ("The new plant will have a capacity of {int} MW "
         "and generate about {dec} million kWh a year."),
        "Over {small} months of {year}, {int} thousand trees were planted on {dec} hectares.",
        "The share of recycled waste rose from {pct}% to {pct2}%.",
        "Delegates at COP29 discussed CO2 and PM2.5; call +7 (727) {phone} for details.",
        "See https://eco{int}.kz/news/{year}; the meeting took place on March {day}, {year}.",
    ],
    "kk": [
        "{year} жылы {place} шығарындылар {dec} мың тоннаны құрады.",
        "{future} жылға дейін {int} км желі салу жоспарланған, құны {dec} млрд теңге.",
        "Жаңа станцияның қуаты {int} МВт болады.",
        "{year} жылы {int} мың ағаш отырғызылды, қалдықтардың {pct}%-ы қайта өңделді.",
        "COP29 кезінде CO2 туралы айтылды, анықтама телефоны +7 (7172) {phone}.",
    ],
    "az": [
        ("{year}-cü ildə {place} {dec} min ton tullantı yaranıb, "
         "onun {pct} faizi təkrar emal olunub."),
        ("{future}-ci ilə qədər {int} km şəbəkə çəkiləcək, "
         "layihənin dəyəri {dec} milyon manat təşkil edir."),
        "Yeni stansiyanın gücü {int} meqavat olacaq.",
        "Ötən il {int} min ağac əkilib, emissiyalar {pct} faiz azalıb.",
        "COP29 çərçivəsində CO2 emissiyaları müzakirə olunub, əlaqə: +994 12 {phone}.",
    ],
}
# Sentences without a quantity: what most of a news article is made of.
PROSE = {
    "ru": [
        "Об этом сообщили в пресс-службе акимата {place}.",
        "Экологи считают, что без участия бизнеса изменить ситуацию не удастся.",
        "Жители неоднократно жаловались на запах со стороны промышленной зоны.",
        "Проект обсуждался на общественных слушаниях с участием местных депутатов.",
        "По словам специалистов, качество воздуха зависит прежде всего от погоды.",
        "Министерство экологии поручило провести внеплановую проверку предприятия.",
        "В ведомстве отметили, что работа будет продолжена и в следующем году.",
        "Представители компании пообещали опубликовать отчёт до конца квартала.",
        "Инициативу поддержали волонтёры и студенты местных вузов.",
        "Ранее аналогичная программа была запущена в {place}.",
    ],
    "en": [
        "This was reported by the press service of the akimat of {place}.",
        "Environmentalists say that nothing will change without the support of business.",
        "Residents have repeatedly complained about the smell from the industrial zone.",
        "The project was discussed at public hearings attended by local deputies.",
        "According to experts, air quality depends above all on the weather.",
        "The Ministry of Ecology ordered an unscheduled inspection of the plant.",
        "The agency noted that the work will continue next year.",
        "Company representatives promised to publish a report by the end of the quarter.",
        "The initiative was supported by volunteers and students of local universities.",
        "A similar programme was launched earlier in {place}.",
    ],
    "kk": [
        "Бұл туралы облыс әкімдігінің баспасөз қызметі хабарлады.",
        "Экологтардың пікірінше, бизнестің қатысуынсыз жағдайды өзгерту мүмкін емес.",
        "Тұрғындар өнеркәсіп аймағынан шығатын иіске бірнеше рет шағымданған.",
        "Жоба жергілікті депутаттардың қатысуымен қоғамдық тыңдауда талқыланды.",
        "Мамандардың айтуынша, ауа сапасы ең алдымен ауа райына байланысты.",
        "Экология министрлігі кәсіпорынды жоспардан тыс тексеруді тапсырды.",
        "Ведомство жұмыс келесі жылы да жалғасатынын атап өтті.",
        "Бастаманы еріктілер мен жергілікті жоғары оқу орындарының студенттері қолдады.",
    ],
    "az": [
        "Bu barədə yerli icra hakimiyyətinin mətbuat xidməti məlumat verib.",
        "Ekoloqlar hesab edir ki, biznesin iştirakı olmadan vəziyyəti dəyişmək mümkün deyil.",
        "Sakinlər sənaye zonasından gələn qoxudan dəfələrlə şikayət ediblər.",
        "Layihə yerli deputatların iştirakı ilə ictimai dinləmələrdə müzakirə olunub.",
        "Mütəxəssislərin sözlərinə görə, havanın keyfiyyəti ilk növbədə hava şəraitindən asılıdır.",
        "Ekologiya Nazirliyi müəssisədə plandankənar yoxlama aparılmasını tapşırıb.",
        "Qurum bildirib ki, işlər gələn il də davam etdiriləcək.",
        "Təşəbbüsü könüllülər və yerli universitetlərin tələbələri dəstəkləyib.",
    ],
}
# A sentence carries a quantity this often: the real documents in ../shared/seeds
# hold about 2.8 gold mentions per KB, and so does the generated news at this rate.
QUANTITY_SHARE = 0.22
CHUNK = 5_000  # articles per Parquet row group
DECIMAL = {"ru": ",", "kk": ",", "az": ",", "en": "."}


def article(rng: random.Random, lang: str) -> str:
    lines = []
    for _ in range(rng.randint(30, 50)):
        template = rng.choice(SENTENCES[lang] if rng.random() < QUANTITY_SHARE else PROSE[lang])
        pct = rng.randint(1, 60)
        lines.append(template.format(
            year=rng.randint(2018, 2025), future=rng.randint(2026, 2035),
            place=rng.choice(PLACES[lang]),
            dec=f"{rng.randint(1, 999)}{DECIMAL[lang]}{rng.randint(1, 9)}", int=rng.randint(2, 900),
            pct=pct, pct2=pct + rng.randint(1, 30), small=rng.randint(2, 11),
            day=rng.randint(1, 28),
            phone=f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        ))
    paragraphs = [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    return "\n\n".join(paragraphs) + "\n"


def generate(mb: float, out: Path, seed: int = 7, folder: bool = True) -> int:
    """Write about `mb` MB of articles to out/corpus.parquet (and, with `folder`, as
    out/docs/*.txt); return how many. Written in chunks, so any size fits in memory."""
    rng = random.Random(seed)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    schema = pa.schema([("doc_id", pa.string()), ("text", pa.string()), ("source", pa.string()),
                        ("published", pa.date32())])
    total, i, rows = 0, 0, []
    with pq.ParquetWriter(out / "corpus.parquet", schema) as writer:
        while total < mb * 1024 * 1024:
            lang = rng.choice(["ru", "en", "kk", "az"])
            text = article(rng, lang)
            # the seed too: corpora of two seeds are different articles
            doc_id = f"{lang}-{seed}-{i:06d}"
            published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
            if folder:
                (docs_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            rows.append({"doc_id": doc_id, "text": text, "source": f"{doc_id}.txt",
                         "published": published})
            total += len(text.encode("utf-8"))
            i += 1
            if len(rows) == CHUNK:
                writer.write_table(pa.Table.from_pylist(rows, schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema))
    return i


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, required=True, help="size of the corpus in MB of text")
    parser.add_argument("--out", type=Path, required=True,
                        help="folder to write docs/ and corpus.parquet into")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{generate(args.mb, args.out, args.seed)} documents, {args.mb} MB → {args.out}")


if __name__ == "__main__":
    main()
