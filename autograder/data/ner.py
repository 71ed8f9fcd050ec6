"""D-NER: template résumés with character-span entity annotations (c5w4a3).

The original lab read about 220 real résumés annotated with the DataTurks
tool: one JSON object per line, with the résumé text in ``content`` and a list
of ``annotation`` objects, each ``{"label": [name], "points": [{"start",
"end", "text"}]}``.  This stand-in writes résumés of the same layout from
templates, with generated names, designations, companies, skills, colleges,
locations and years of experience.

**Span convention.**  As in DataTurks, a point's ``end`` is *inclusive*: the
annotated text is ``content[start:end + 1]``.  The answer key written next to
the résumés uses Python's half-open convention instead, ``(start, end,
label)`` with the text ``content[start:end]``, which is also what the lab's
helpers return.

**Annotation noise.**  The spans were recorded exactly when each résumé was
written (the answer key).  The annotations in the JSON file copy them with
the slips a human annotator makes, so the cleaning helpers have work to do:

* some spans take in a neighbouring space or line break (``" Pune"``,
  ``"Infosys\\n"``);
* some entities are annotated twice, or in two overlapping pieces of the same
  label (``"Tata Consultancy"`` + ``"Consultancy Services"``);
* some spans carry a second, nested annotation of another label: the city
  inside a college name (``"Mumbai"`` inside ``"University of Mumbai"``) or
  the skill inside a job title (``"Python"`` inside ``"Python Developer"``).
  The outer span is the right one.

The annotation list of each résumé is shuffled, and some annotations hold
several points, as in the original export.  Some words are deliberately
ambiguous (``Oracle`` the company and the skill, ``Austin`` the person and the
city, ``Python`` the skill and part of a job title, ``years`` in the
experience summary and elsewhere), so that a tagger has to read the context.

Every résumé has at most ``MAX_WORDS`` whitespace-separated words.
Everything comes from one seeded generator: same bytes on every run, written
on first use.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from . import data_folder, write_text_atomically

__all__ = [
    "ANSWER_KEY_FILE",
    "LABELS",
    "MAX_WORDS",
    "N_RESUMES",
    "NER_FILE",
    "ensure_ner_file",
    "make_resumes",
    "read_answer_key",
    "write_files",
]

SEED = 20240805
N_RESUMES = 300
MAX_WORDS = 110
NER_FILE = "ner.json"
ANSWER_KEY_FILE = "ner_answer_key.json"

NAME, DESIGNATION, COMPANY, SKILLS = "Name", "Designation", "Companies worked at", "Skills"
COLLEGE, LOCATION, YEARS = "College Name", "Location", "Years of Experience"
LABELS = (NAME, DESIGNATION, COMPANY, SKILLS, COLLEGE, LOCATION, YEARS)

# How often the annotator slips (per span, or per opportunity for nested ones).
P_WHITESPACE, P_DUPLICATE, P_PIECES, P_NESTED, P_MULTI_POINT = 0.06, 0.03, 0.3, 0.4, 0.3

FIRST_NAMES = [
    "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rohan", "Meera",
    "Karan", "Divya", "Nikhil", "Pooja", "Siddharth", "Neha", "Amit", "Ritu", "Sanjay", "Lakshmi",
    "Omar", "Fatima", "Daniel", "Sarah", "Lucas", "Emma", "Mateo", "Sofia", "Noah", "Olivia",
    "Chen", "Mei", "Kenji", "Yuki", "Kwame", "Amara", "Liam", "Zara", "Ibrahim", "Grace",
    # also places: only the context tells a name from a city
    "Austin", "Sydney", "Florence", "Victoria", "Dallas", "Chelsea",
]
LAST_NAMES = [
    "Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Khan", "Mehta", "Rao",
    "Das", "Kapoor", "Joshi", "Banerjee", "Fernandes", "Smith", "Garcia", "Mueller", "Okafor",
    "Mensah", "Tanaka", "Wang", "Silva", "Novak", "Cohen", "Brown", "Lopez", "Kim", "Ali",
    "Haddad", "Jensen", "Pillai", "Menon", "Chowdhury",
]
LOCATIONS = [
    "Bangalore", "Pune", "Hyderabad", "Chennai", "Mumbai", "New Delhi", "Kolkata", "Noida", "Gurgaon",
    "London", "Berlin", "Toronto", "Singapore", "Dubai", "Nairobi", "Lagos", "Austin", "Sydney",
    "Florence", "Victoria", "Dallas", "San Francisco",
]
COMPANIES = [
    "Infosys", "Wipro", "Tata Consultancy Services", "Accenture", "Cognizant", "HCL Technologies",
    "Tech Mahindra", "Capgemini", "IBM", "Oracle", "Microsoft", "Amazon", "Google", "Deloitte",
    "Flipkart", "Zoho", "Mindtree", "Larsen & Toubro Infotech", "Mphasis", "Ernst & Young",
    "Siemens", "SAP Labs", "Dell Technologies", "Cisco Systems",
]
SKILL_LIST = [
    "Python", "Java", "SQL", "C++", "JavaScript", "React", "Node.js", "Android", "Kotlin", "Oracle",
    "MySQL", "MongoDB", "AWS", "Azure", "Docker", "Kubernetes", "Git", "Jenkins", "Linux",
    "Salesforce", "Tableau", "Power BI", "TensorFlow", "Spark", "Hadoop", "Selenium", "HTML", "CSS",
    "Django", "Flask", "Spring Boot", "REST APIs", "Machine Learning", "Deep Learning", "NLP",
    "Agile", "JIRA", "Microsoft Excel", "Amazon Web Services",
]
DESIGNATIONS = [
    "Software Engineer", "Senior Software Engineer", "Data Scientist", "Data Analyst",
    "Python Developer", "Java Developer", "SQL Developer", "React Developer", "Android Developer",
    "Oracle Database Administrator", "Salesforce Consultant", "Project Manager", "Business Analyst",
    "QA Engineer", "DevOps Engineer", "Machine Learning Engineer", "Technical Lead",
    "Network Engineer", "Systems Administrator", "Product Manager", "Cloud Architect", "Team Lead",
]
COLLEGES = [
    "IIT Bombay", "IIT Delhi", "IIT Madras", "NIT Trichy", "BITS Pilani", "Anna University",
    "University of Mumbai", "Pune University", "VIT Vellore", "Manipal Institute of Technology",
    "Jadavpur University", "Osmania University", "University of Hyderabad", "University of Toronto",
    "University of Texas at Austin", "University of Sydney", "Technical University of Berlin",
    "National University of Singapore", "University of Nairobi", "Amity University Noida",
    "University of Lagos", "Chennai Institute of Technology",
]
DEGREES = [
    "B.Tech in Computer Science", "B.E. in Electronics", "M.Tech in Software Engineering", "MCA",
    "MBA", "B.Sc in Mathematics", "M.Sc in Statistics", "BCA", "B.Tech in Information Technology",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
THINGS = ["a billing system", "dashboards", "an ETL pipeline", "a mobile app", "REST services",
          "a recommendation engine", "test suites", "the payments module", "internal tools",
          "a data warehouse"]

# Templates: {slot} is an entity (recorded as a span), <slot> is plain text.
HEADERS = [
    ["{name}", "{designation} - {company}", "{location}", "Email: <email>"],
    ["{name} | {location} | <email>"],
    ["{name}", "<email> | {location}"],
    ["Name: {name}", "Location: {location}", "Email: <email>"],
]
SUMMARIES = [
    "{designation} with {years} of experience in {skill}, {skill} and {skill}.",
    "Over {years} of experience as a {designation}, working with {skill} and {skill}.",
    "Seeking a role as {designation} where I can use my skills in {skill} and {skill}.",
    "Total experience: {years}",
    "{designation} with {years} of experience.",
    "Hands-on experience with {skill}, {skill} and {skill} across <k> projects.",
]
JOB_LINES = [
    ["{designation}", "{company}, {location}", "<period>"],
    ["{designation} at {company}", "<period> | {location}"],
    ["{company} - {designation}", "<period>"],
]
BULLETS = [
    "- Built <thing> with {skill} and {skill}.",
    "- Led a team of <k> engineers.",
    "- Cut release time by <p>% within <k> years.",
    "- Migrated <thing> from {skill} to {skill}.",
    "- Worked with clients in {location}.",
    "- Automated <thing> using {skill}.",
    "- Wrote <thing> in {skill} for <k> years.",
]
EDUCATION = [
    ["<degree>", "{college}, <year>"],
    ["<degree> - {college} (<year>)"],
    ["{college}", "<degree>, <year>"],
]
SKILL_LINES = ["Skills: <skills>", "Technical Skills: <skills>", "SKILLS", "<skills>"]
SLOT_LABELS = {"name": NAME, "designation": DESIGNATION, "company": COMPANY, "skill": SKILLS,
               "college": COLLEGE, "location": LOCATION, "years": YEARS}


class _Writer:
    """Appends text and records the span of every entity it writes (half-open)."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[tuple[int, int, str]] = []

    def plain(self, text: str) -> None:
        self.text += text

    def entity(self, text: str, label: str) -> None:
        start = len(self.text)
        self.text += text
        self.spans.append((start, len(self.text), label))


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def _period(rng: random.Random) -> str:
    first = rng.randint(2008, 2021)
    end = "Present" if rng.random() < 0.35 else f"{rng.choice(MONTHS)} {rng.randint(first + 1, 2024)}"
    return f"{rng.choice(MONTHS)} {first} - {end}"


def _fill_line(template: str, rng: random.Random, writer: _Writer, values: dict) -> None:
    """Write one template line; entity slots become recorded spans."""
    for piece in re.split(r"(\{\w+\}|<\w+>)", template):
        if not piece:
            continue
        if piece.startswith("{"):
            slot = piece[1:-1]
            writer.entity(_entity_value(slot, rng, values), SLOT_LABELS[slot])
        elif piece.startswith("<"):
            slot = piece[1:-1]
            if slot == "skills":
                skills = rng.sample(SKILL_LIST, rng.randint(3, 6))
                for index, skill in enumerate(skills):
                    if index:
                        writer.plain(", ")
                    writer.entity(skill, SKILLS)
            else:
                writer.plain(_plain_value(slot, rng, values))
        else:
            writer.plain(piece)


def _entity_value(slot: str, rng: random.Random, values: dict) -> str:
    if slot == "name":
        return " ".join(values["person"])
    if slot == "designation":
        return values.get("designation") or rng.choice(DESIGNATIONS)
    if slot == "company":
        return values.get("company") or rng.choice(COMPANIES)
    if slot == "location":
        return values.get("location") or rng.choice(LOCATIONS)
    if slot == "years":
        return values["years"]
    if slot == "college":
        return rng.choice(COLLEGES)
    return rng.choice(SKILL_LIST)  # skill


def _plain_value(slot: str, rng: random.Random, values: dict) -> str:
    if slot == "email":
        first, last = values["person"]
        return f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.com"
    if slot == "k":
        return str(rng.randint(2, 12))
    if slot == "p":
        return str(rng.choice([10, 15, 20, 25, 30, 40, 50]))
    if slot == "thing":
        return rng.choice(THINGS)
    if slot == "period":
        return _period(rng)
    if slot == "degree":
        return rng.choice(DEGREES)
    if slot == "year":
        return str(rng.randint(2004, 2022))
    raise KeyError(slot)


def _write_resume(rng: random.Random) -> _Writer:
    writer = _Writer()
    n_years = rng.randint(1, 15)
    values = {
        "person": _person(rng),
        "years": f"{n_years}+ years" if rng.random() < 0.25 else f"{n_years} years",
    }

    def block(lines: list[str], local: dict | None = None) -> None:
        for line in lines:
            _fill_line(line, rng, writer, {**values, **(local or {})})
            writer.plain("\n")

    home = rng.choice(LOCATIONS)
    block(rng.choice(HEADERS), {"location": home})
    writer.plain("\n")
    block(["SUMMARY", rng.choice(SUMMARIES)])
    writer.plain("\n")
    block(["EXPERIENCE"])
    for _ in range(rng.randint(1, 3)):
        block(rng.choice(JOB_LINES))
        bullets = rng.sample(BULLETS, rng.randint(1, 3))
        block(bullets)
    writer.plain("\n")
    block(["EDUCATION", *rng.choice(EDUCATION)])
    writer.plain("\n")
    skill_line = rng.choice(SKILL_LINES)
    block(["SKILLS", "<skills>"] if skill_line == "SKILLS" else [skill_line])
    writer.text = writer.text.rstrip("\n")
    return writer


def _noisy_annotation(text: str, spans: list[tuple[int, int, str]], rng: random.Random) -> list[dict]:
    """The annotator's version of `spans`: DataTurks records (end inclusive) with slips."""
    noisy: list[tuple[int, int, str]] = []
    used_space: set[int] = set()
    for start, end, label in spans:
        if rng.random() < P_WHITESPACE:  # take in one neighbouring space or line break
            before = start - 1 if start > 0 and text[start - 1].isspace() and start - 1 not in used_space else None
            after = end if end < len(text) and text[end].isspace() and end not in used_space else None
            if after is not None and (before is None or rng.random() < 0.5):
                used_space.add(after)
                end += 1
            elif before is not None:
                used_space.add(before)
                start -= 1
        noisy.append((start, end, label))
        words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
        roll = rng.random()
        if roll < P_DUPLICATE:
            noisy.append((start, end, label))
        elif len(words) >= 3 and roll < P_DUPLICATE + P_PIECES:  # two overlapping pieces
            noisy.pop()
            cut = rng.randint(1, len(words) - 2)
            noisy.append((start, start + words[cut][1], label))
            noisy.append((start + words[cut][0], end, label))
        # nested annotations of another label inside this span
        inner_lists = {COLLEGE: (LOCATIONS, LOCATION), DESIGNATION: (SKILL_LIST, SKILLS)}
        if label in inner_lists:
            names, inner_label = inner_lists[label]
            entity = text[start:end]
            for name in names:
                found = re.search(rf"(?<!\S){re.escape(name)}(?!\S)", entity)
                if found and rng.random() < P_NESTED:
                    noisy.append((start + found.start(), start + found.end(), inner_label))
    rng.shuffle(noisy)
    records: list[dict] = []
    for start, end, label in noisy:
        point = {"start": start, "end": end - 1, "text": text[start:end]}
        if records and records[-1]["label"] == [label] and rng.random() < P_MULTI_POINT:
            records[-1]["points"].append(point)  # one annotation, several points
        else:
            records.append({"label": [label], "points": [point]})
    return records


def make_resumes(n: int = N_RESUMES, seed: int = SEED) -> tuple[list[dict], list[list[tuple[int, int, str]]]]:
    """The résumé records (as written to ner.json) and the recorded spans of each.

    Each record is ``{"content": str, "annotation": [...], "extras": None}``;
    the recorded spans are sorted ``(start, end, label)`` tuples, end exclusive.
    """
    rng = random.Random(seed)
    records, keys = [], []
    while len(records) < n:
        writer = _write_resume(rng)
        if len(writer.text.split()) > MAX_WORDS:
            continue
        records.append({
            "content": writer.text,
            "annotation": _noisy_annotation(writer.text, writer.spans, rng),
            "extras": None,
        })
        keys.append(sorted(writer.spans))
    return records, keys


def write_files(folder: str | Path = "data") -> tuple[Path, Path]:
    """Write `<folder>/ner.json` (JSON lines) and the answer key if missing; return both paths."""
    folder = data_folder(folder)
    resumes, keys = make_resumes()
    ner_path, key_path = folder / NER_FILE, folder / ANSWER_KEY_FILE
    if not ner_path.is_file():
        write_text_atomically(ner_path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in resumes))
    if not key_path.is_file():
        lines = [json.dumps({"entities": [list(span) for span in key]}) for key in keys]
        write_text_atomically(key_path, "\n".join(lines) + "\n")
    return ner_path, key_path


def ensure_ner_file(path: str | Path) -> Path:
    """Generate `path` on first use when it is named ner.json or ner_answer_key.json."""
    path = Path(path)
    if not path.is_file():
        if path.name not in (NER_FILE, ANSWER_KEY_FILE):
            raise FileNotFoundError(f"{path} does not exist (and is not {NER_FILE} or {ANSWER_KEY_FILE} to generate)")
        write_files(path.parent)
    return path


def read_answer_key(path: str | Path = f"data/{ANSWER_KEY_FILE}") -> list[list[tuple[int, int, str]]]:
    """The spans recorded when each résumé was written: sorted (start, end, label), end exclusive."""
    path = ensure_ner_file(path)
    with open(path, encoding="utf-8") as handle:
        return [[tuple(span) for span in json.loads(line)["entities"]] for line in handle if line.strip()]
