"""Which language a report is written in, and whether warmonitor reads it.

py3langid's model is loaded on first use and kept (about 0.4 s), never at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warmonitor.config import IngestConfig

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# A report is read when one of the accepted languages has at least this probability. A low floor
# rather than "the top language must be accepted": English reports full of local names are
# sometimes scored close to Nigerian Pidgin or another relative, and reading a foreign report by
# mistake costs little (it yields no events) while skipping an English one loses it.
_ACCEPT_FLOOR = 0.05
# Enough text for a confident guess; the model walks the text byte by byte in Python.
_SAMPLE_CHARS = 20_000
# Labels the model uses for text that is no language at all (numbers, URLs).
_NO_LANGUAGE = frozenset({"zxx", "und"})

# English names of the languages news reports most often come in, for messages; other codes are
# shown as the code alone.
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "am": "Amharic",
    "ar": "Arabic",
    "az": "Azerbaijani",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "bs": "Bosnian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "ha": "Hausa",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "ig": "Igbo",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "km": "Khmer",
    "ko": "Korean",
    "ku": "Kurdish",
    "ky": "Kyrgyz",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "mn": "Mongolian",
    "ms": "Malay",
    "my": "Burmese",
    "ne": "Nepali",
    "nl": "Dutch",
    "no": "Norwegian",
    "pa": "Punjabi",
    "pcm": "Nigerian Pidgin",
    "pl": "Polish",
    "ps": "Pashto",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "th": "Thai",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "yo": "Yoruba",
    "zh": "Chinese",
    "zu": "Zulu",
}


@dataclass(frozen=True, slots=True)
class LanguageCheck:
    """The verdict on one text: the language to record, or the foreign language found."""

    code: str
    confidence: float  # probability of ``code``; 1.0 when assumed for a short text
    accepted: bool


@functools.cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # Normalised probabilities, so that confidences are comparable across texts.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` as (ISO 639 code, probability)."""
    code, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return code, float(probability)


def rank_languages(text: str) -> list[tuple[str, float]]:
    """Every language the model knows with its probability for ``text``, most likely first."""
    return [(code, float(p)) for code, p in _identifier().rank(text[:_SAMPLE_CHARS])]


def check_language(text: str, config: IngestConfig) -> LanguageCheck:
    """Decide whether ``text`` is in one of ``config.languages``.

    Texts shorter than ``config.min_chars_for_language`` are too short to judge and are assumed
    to be in the first accepted language ("en" by default).
    """
    assumed = config.languages[0] if config.languages else "en"
    if len(text.strip()) < config.min_chars_for_language:
        return LanguageCheck(assumed, 1.0, accepted=True)
    ranked = rank_languages(text)
    top_code, top_probability = ranked[0]
    if top_code in _NO_LANGUAGE:
        return LanguageCheck(assumed, top_probability, accepted=True)
    accepted = [(code, p) for code, p in ranked if code in config.languages]
    if accepted and accepted[0][1] >= _ACCEPT_FLOOR:
        return LanguageCheck(accepted[0][0], accepted[0][1], accepted=True)
    return LanguageCheck(top_code, top_probability, accepted=False)


def language_name(code: str) -> str:
    """ "German" for "de"; the code itself when the name is not in :data:`LANGUAGE_NAMES`."""
    return LANGUAGE_NAMES.get(code, code)


def skipped_language_message(source_id: str, code: str, languages: tuple[str, ...]) -> str:
    """ "<id>: text is in German (de), warmonitor reads English only; skipped"."""
    readable = " and ".join(language_name(c) for c in languages) or "no language"
    return (
        f"{source_id}: text is in {language_name(code)} ({code}), "
        f"warmonitor reads {readable} only; skipped"
    )
