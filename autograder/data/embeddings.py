"""D-EMB: a small synthetic word-vector table in GloVe text format.

The original labs read the 400,000-word GloVe 6B vectors.  This stand-in
writes a few hundred words (``glove.6B.50d.txt``, or ``glove.6B.100d.txt``
for 100 dimensions), one ``word v1 ... vd`` line each, that the unchanged
``read_glove_vecs`` loaders read.

Every vector is built from a recipe and then L2-normalised:

    topic centre + word base + planted offsets + small noise

* a **gender direction**: the two words of a pair (man/woman, king/queen, ...)
  share their base and sit on opposite sides along it, the female word
  further out (as in GloVe, where "man" is also used generically), so that
  equalizing has something to fix;
* **gender-neutral words** (occupations, hobbies, names, ...) carry a planted
  component along the gender direction, so that neutralising and equalising
  have a visible effect;
* **analogy offsets**: country -> capital, country -> nationality/language,
  adjective -> comparative, each a fixed vector added to the base;
* the **topic words** of D-EMOJI's five classes (love, sports, happy, sad,
  food) around five topic centres, plus common function words.

Topic centres and bases are drawn perpendicular to the planted directions, so
a word's gender component is exactly what its recipe says (before noise and
normalisation).  Everything comes from one seeded generator: same bytes on
every run.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from . import data_folder, write_text_atomically

__all__ = [
    "ADJECTIVE_COMPARATIVES",
    "COMMON_WORDS",
    "COUNTRIES",
    "EMOJI_TOPIC_WORDS",
    "GENDER_PAIRS",
    "NEUTRAL_BIAS",
    "ensure_glove_file",
    "glove_filename",
    "glove_table",
    "read_glove_vecs",
    "read_vectors",
    "vocabulary",
    "word_topics",
    "write_glove_file",
]

SEED = 20240715
# How far the male / female word of a pair sits from its base along the gender direction.
MALE_STEP, FEMALE_STEP = (0.1, 0.25), (0.3, 0.45)
OFFSET_SIZE = {"capital": 0.6, "nationality": 0.6, "comparative": 0.5}
CENTRE_SIZE, BASE_SIZE, NOISE_SIZE = 1.0, 0.7, 0.12
DECIMALS = 6

# (male word, female word, topic)
GENDER_PAIRS: list[tuple[str, str, str]] = [
    ("man", "woman", "person"),
    ("boy", "girl", "person"),
    ("gentleman", "lady", "person"),
    ("male", "female", "person"),
    ("mr", "mrs", "person"),
    ("sir", "madam", "person"),
    ("boyfriend", "girlfriend", "person"),
    ("father", "mother", "family"),
    ("brother", "sister", "family"),
    ("son", "daughter", "family"),
    ("husband", "wife", "family"),
    ("uncle", "aunt", "family"),
    ("grandfather", "grandmother", "family"),
    ("nephew", "niece", "family"),
    ("dad", "mom", "family"),
    ("king", "queen", "royalty"),
    ("prince", "princess", "royalty"),
    ("emperor", "empress", "royalty"),
    ("duke", "duchess", "royalty"),
    ("he", "she", "pronoun"),
    ("his", "her", "pronoun"),
    ("himself", "herself", "pronoun"),
    ("actor", "actress", "work"),
    ("waiter", "waitress", "work"),
    ("hero", "heroine", "work"),
    ("groom", "bride", "work"),
    ("steward", "stewardess", "work"),
]

# Gender-neutral words with a planted component along the gender direction
# (positive: towards the female words, negative: towards the male words).
NEUTRAL_BIAS: dict[str, tuple[str, float]] = {
    # occupations
    "engineer": ("occupation", -0.25),
    "doctor": ("occupation", -0.15),
    "scientist": ("occupation", -0.2),
    "programmer": ("occupation", -0.25),
    "pilot": ("occupation", -0.2),
    "lawyer": ("occupation", -0.1),
    "technician": ("occupation", -0.2),
    "architect": ("occupation", -0.15),
    "surgeon": ("occupation", -0.2),
    "mechanic": ("occupation", -0.3),
    "plumber": ("occupation", -0.3),
    "carpenter": ("occupation", -0.3),
    "soldier": ("occupation", -0.3),
    "farmer": ("occupation", -0.2),
    "manager": ("occupation", -0.1),
    "chef": ("occupation", -0.05),
    "writer": ("occupation", 0.0),
    "artist": ("occupation", 0.05),
    "designer": ("occupation", 0.1),
    "singer": ("occupation", 0.1),
    "teacher": ("occupation", 0.15),
    "librarian": ("occupation", 0.2),
    "dancer": ("occupation", 0.25),
    "hairdresser": ("occupation", 0.3),
    "secretary": ("occupation", 0.3),
    "nurse": ("occupation", 0.35),
    "receptionist": ("occupation", 0.35),
    "homemaker": ("occupation", 0.35),
    "babysitter": ("occupation", 0.35),
    # other words that picked up a gender association
    "computer": ("things", -0.15),
    "technology": ("things", -0.2),
    "science": ("things", -0.15),
    "guns": ("things", -0.3),
    "warrior": ("things", -0.3),
    "literature": ("things", 0.15),
    "arts": ("things", 0.15),
    "fashion": ("things", 0.3),
    "lipstick": ("things", 0.4),
    "tree": ("things", 0.0),
    # first names
    "john": ("names", -0.3),
    "james": ("names", -0.3),
    "david": ("names", -0.25),
    "ronaldo": ("names", -0.2),
    "rahul": ("names", -0.25),
    "reza": ("names", -0.2),
    "marie": ("names", 0.3),
    "sophie": ("names", 0.3),
    "priya": ("names", 0.25),
    "danielle": ("names", 0.25),
    "katy": ("names", 0.3),
    "yasmin": ("names", 0.2),
}

# (country, capital, nationality or language)
COUNTRIES: list[tuple[str, str, str]] = [
    ("italy", "rome", "italian"),
    ("france", "paris", "french"),
    ("spain", "madrid", "spanish"),
    ("germany", "berlin", "german"),
    ("japan", "tokyo", "japanese"),
    ("china", "beijing", "chinese"),
    ("india", "delhi", "indian"),
    ("russia", "moscow", "russian"),
    ("egypt", "cairo", "egyptian"),
    ("greece", "athens", "greek"),
    ("portugal", "lisbon", "portuguese"),
    ("iran", "tehran", "iranian"),
    ("brazil", "brasilia", "brazilian"),
    ("england", "london", "english"),
    ("poland", "warsaw", "polish"),
    ("sweden", "stockholm", "swedish"),
    ("turkey", "ankara", "turkish"),
    ("kenya", "nairobi", "kenyan"),
    ("canada", "ottawa", "canadian"),
    ("peru", "lima", "peruvian"),
]

# (adjective, comparative, topic): the topic lets sentiment words keep their class
ADJECTIVE_COMPARATIVES: list[tuple[str, str, str]] = [
    ("small", "smaller", "size"),
    ("large", "larger", "size"),
    ("big", "bigger", "size"),
    ("tall", "taller", "size"),
    ("long", "longer", "size"),
    ("short", "shorter", "size"),
    ("high", "higher", "size"),
    ("fast", "faster", "quality"),
    ("slow", "slower", "quality"),
    ("strong", "stronger", "quality"),
    ("weak", "weaker", "quality"),
    ("old", "older", "quality"),
    ("young", "younger", "quality"),
    ("cold", "colder", "quality"),
    ("warm", "warmer", "quality"),
    ("easy", "easier", "quality"),
    ("hard", "harder", "quality"),
    ("cheap", "cheaper", "quality"),
    ("good", "better", "happy"),
    ("bad", "worse", "sad"),
]

# D-EMOJI's classes: 0 love, 1 sports, 2 happy, 3 sad, 4 food.  (The
# adjectives "good"/"better" and "bad"/"worse" above belong to happy and sad.)
EMOJI_TOPIC_WORDS: dict[str, list[str]] = {
    "love": [
        "love", "loves", "loved", "adore", "adores", "heart", "hug", "hugs", "kiss", "kisses",
        "darling", "sweetheart", "romance", "romantic", "valentine", "cherish", "dear", "beloved",
        "crush", "affection", "honey", "sweet", "marry", "together", "forever",
    ],
    "sports": [
        "ball", "baseball", "football", "soccer", "tennis", "basketball", "golf", "hockey",
        "play", "plays", "played", "playing", "game", "games", "team", "match", "score", "goal",
        "win", "won", "coach", "stadium", "players", "sport", "sports", "bat", "pitch",
        "league", "training",
    ],
    "happy": [
        "happy", "glad", "smile", "smiling", "laugh", "laughing", "joy", "joyful", "fun",
        "great", "awesome", "excited", "wonderful", "amazing", "cheerful", "delighted", "nice",
        "celebrate", "funny", "proud", "best", "lucky", "yay", "congratulations", "party",
    ],
    "sad": [
        "sad", "cry", "crying", "cried", "unhappy", "upset", "lonely", "depressed", "miserable",
        "tears", "sorrow", "hurt", "lost", "terrible", "awful", "disappointed", "broken",
        "worst", "gloomy", "grief", "alone", "sorry", "pain", "miss", "failed",
    ],
    "food": [
        "food", "eat", "eating", "ate", "dinner", "lunch", "breakfast", "meal", "pizza",
        "burger", "pasta", "sushi", "salad", "soup", "bread", "cake", "cookies", "hungry",
        "restaurant", "delicious", "cook", "cooking", "snack", "fries", "rice", "sandwich",
        "tasty", "dessert", "hot", "dog",
    ],
}

COMMON_WORDS: list[str] = [
    "i", "you", "we", "they", "it", "me", "my", "your", "our", "their", "us", "them",
    "the", "a", "an", "is", "am", "are", "was", "were", "be", "been", "to", "of", "in", "on",
    "at", "for", "with", "and", "or", "but", "not", "no", "so", "very", "this", "that",
    "these", "what", "when", "where", "who", "how", "why", "do", "does", "did", "have", "has",
    "had", "will", "would", "can", "could", "should", "let", "lets", "go", "going", "went",
    "get", "got", "want", "like", "really", "just", "today", "tonight", "now", "time", "day",
    "night", "week", "again", "always", "never", "all", "some", "much", "more", "too", "up",
    "out", "about", "from", "there", "here", "feel", "feeling", "felt", "make", "made", "see",
    "look", "think", "know", "come", "back", "home", "friend", "friends", "people", "thing",
    "yes", "please", "thank", "thanks", "ok", "one", "two", "after", "before", "every",
    "still", "such", "by", "ever", "need", "said", "tell", "work", "school", "weekend",
]

OTHER_TOPICS: dict[str, list[str]] = {
    "animals": ["crocodile", "cat", "horse", "bird", "fish", "lion", "elephant", "monkey", "snake"],
    "nature": ["river", "mountain", "ocean", "forest", "rain", "sun", "flower", "sky"],
}

PLANTED_DIRECTIONS = ("gender", "capital", "nationality", "comparative")


def _recipes() -> list[tuple[str, str, str, dict[str, float]]]:
    """Every word once, in a fixed order: (word, topic, base key, planted offsets)."""
    recipes: list[tuple[str, str, str, dict[str, float]]] = []
    # Fixed, pair-specific steps (their own generator: the table's draws stay in step).
    steps = np.random.default_rng(SEED - 1).uniform(0.0, 1.0, (len(GENDER_PAIRS), 2))
    for (male, female, topic), (u_male, u_female) in zip(GENDER_PAIRS, steps, strict=True):
        male_step = MALE_STEP[0] + u_male * (MALE_STEP[1] - MALE_STEP[0])
        female_step = FEMALE_STEP[0] + u_female * (FEMALE_STEP[1] - FEMALE_STEP[0])
        recipes.append((male, topic, male, {"gender": -round(male_step, 3)}))
        recipes.append((female, topic, male, {"gender": round(female_step, 3)}))
    for word, (topic, bias) in NEUTRAL_BIAS.items():
        recipes.append((word, topic, word, {"gender": bias}))
    for country, capital, nationality in COUNTRIES:
        recipes.append((country, "geography", country, {}))
        recipes.append((capital, "geography", country, {"capital": OFFSET_SIZE["capital"]}))
        recipes.append((nationality, "geography", country, {"nationality": OFFSET_SIZE["nationality"]}))
    for adjective, comparative, topic in ADJECTIVE_COMPARATIVES:
        recipes.append((adjective, topic, adjective, {}))
        recipes.append((comparative, topic, adjective, {"comparative": OFFSET_SIZE["comparative"]}))
    for topic, words in (*EMOJI_TOPIC_WORDS.items(), *OTHER_TOPICS.items()):
        recipes.extend((word, topic, word, {}) for word in words)
    recipes.extend((word, "common", word, {}) for word in COMMON_WORDS)
    # First recipe wins (a word listed twice keeps its first, more specific role).
    seen: set[str] = set()
    unique = []
    for recipe in recipes:
        if recipe[0] not in seen:
            seen.add(recipe[0])
            unique.append(recipe)
    return unique


def word_topics() -> dict[str, str]:
    """Every word -> the topic its vector was built around."""
    return {word: topic for word, topic, *_ in _recipes()}


def vocabulary() -> list[str]:
    """The table's words, in file order."""
    return [word for word, *_ in _recipes()]


def _perpendicular(rng: np.random.Generator, basis: np.ndarray, dim: int, size: float) -> np.ndarray:
    """A random vector of norm about `size`, perpendicular to the rows of `basis`."""
    v = rng.normal(0.0, 1.0 / np.sqrt(dim), dim)
    v = v - basis.T @ (basis @ v)
    return v * size


def glove_table(dim: int = 50) -> dict[str, np.ndarray]:
    """The word -> vector table, exactly as written to (and read back from) the file."""
    if dim < 2 * len(PLANTED_DIRECTIONS):
        raise ValueError(f"dimension {dim} is too small for the planted structure")
    rng = np.random.default_rng(SEED)
    # Orthonormal planted directions (QR of a Gaussian matrix).
    q, _ = np.linalg.qr(rng.normal(size=(dim, len(PLANTED_DIRECTIONS))))
    directions = dict(zip(PLANTED_DIRECTIONS, q.T, strict=True))
    recipes = _recipes()
    centres: dict[str, np.ndarray] = {}
    bases: dict[str, np.ndarray] = {}
    table: dict[str, np.ndarray] = {}
    for word, topic, base_key, offsets in recipes:
        if topic not in centres:
            centres[topic] = _perpendicular(rng, q.T, dim, CENTRE_SIZE)
        if base_key not in bases:
            bases[base_key] = _perpendicular(rng, q.T, dim, BASE_SIZE)
        vector = centres[topic] + bases[base_key] + rng.normal(0.0, NOISE_SIZE / np.sqrt(dim), dim)
        for name, amount in offsets.items():
            vector = vector + amount * directions[name]
        vector = vector / np.linalg.norm(vector)
        # Go through the text form, so the in-memory table equals the file.
        table[word] = np.array(_format(vector).split(), dtype=np.float64)
    return table


def _format(vector: np.ndarray) -> str:
    return " ".join(f"{x:.{DECIMALS}f}" for x in vector)


def glove_filename(dim: int = 50) -> str:
    return f"glove.6B.{dim}d.txt"


def write_glove_file(folder: str | Path = "data", dim: int = 50) -> Path:
    """Write `<folder>/glove.6B.<dim>d.txt` if it is missing; return its path."""
    path = data_folder(folder) / glove_filename(dim)
    if not path.is_file():
        lines = [f"{word} {_format(vector)}" for word, vector in glove_table(dim).items()]
        write_text_atomically(path, "\n".join(lines) + "\n")
    return path


def ensure_glove_file(path: str | Path) -> Path:
    """Generate `path` on first use when it is named like `glove.6B.<dim>d.txt`."""
    path = Path(path)
    if not path.is_file():
        match = re.fullmatch(r"glove\.6B\.(\d+)d\.txt", path.name)
        if match is None:
            raise FileNotFoundError(f"{path} does not exist (and is not a glove.6B.<dim>d.txt file to generate)")
        write_glove_file(path.parent, int(match.group(1)))
    return path


def read_vectors(glove_file: str | Path) -> dict[str, np.ndarray]:
    """word -> float64 vector, from a file in GloVe text format (generated on first use)."""
    path = ensure_glove_file(glove_file)
    word_to_vec_map = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split()
            if parts:
                word_to_vec_map[parts[0]] = np.array(parts[1:], dtype=np.float64)
    return word_to_vec_map


def read_glove_vecs(glove_file):
    """
    Read word vectors stored in GloVe text format and number the words.

    Arguments:
    glove_file -- path of the file, e.g. "data/glove.6B.50d.txt" (generated on first use)

    Returns:
    word_to_index -- dictionary word -> index; the words are numbered 1, 2, ... in
                     alphabetical order (index 0 is left free for padding)
    index_to_word -- dictionary index -> word, the inverse of word_to_index
    word_to_vec_map -- dictionary word -> vector, a float64 array of shape (d,)
    """
    word_to_vec_map = read_vectors(glove_file)
    word_to_index, index_to_word = {}, {}
    for i, word in enumerate(sorted(word_to_vec_map), start=1):
        word_to_index[word] = i
        index_to_word[i] = word
    return word_to_index, index_to_word, word_to_vec_map
