"""Learned second opinions on what kind of event a sentence tells.

The trigger rules decide what happened from one word and its arguments; they miss events told
without a listed word ("thousands marched through the capital") and confuse sub-types that turn
on the rest of the sentence (a grenade thrown by a protester is a riot, not an explosion). This
classifier reads the whole sentence, its words and its word fragments, together with what the rules
made of it (their "readings"), and scores every label: the 25 ACLED sub-event types, plus
``none`` for a sentence that tells no event the taxonomy codes (a flood, a court case, a summit).

It is a linear support vector machine (one label against the rest) over TF-IDF features,
trained by ``warmonitor train`` on public human-annotated sentences (see ``warmonitor.training``):
on so few examples it beat logistic regression in cross-validation and trains in a second. Its
confidence is the winning label's margin: above zero, the sentence lies on that label's side of
its boundary. It runs in well under a millisecond a sentence: the text features of a document's
sentences are computed in one call and the readings added per event.

A second model of the same kind reads the PLOVER type: ACLED files a demand, a threat, a visit
and an expulsion alike under "Strategic developments", but an analyst of the politics around a
war needs them apart. Both travel together as :class:`EventClassifiers`.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn import __version__ as sklearn_version
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from warmonitor.errors import WarmonitorError

NO_EVENT = "none"
# Bumped whenever the features or the file layout change, so that an old artefact is rebuilt.
FORMAT_VERSION = 4


@dataclass(frozen=True, slots=True)
class TrainingUnit:
    """One annotated sentence (or short passage): its text, the rules' readings, the gold label."""

    text: str
    readings: tuple[str, ...]
    label: str


@dataclass(frozen=True, slots=True)
class Opinion:
    label: str
    margin: float  # the label's decision value: > 0 is on its side of the boundary


def readings_of(sub_event_type: str | None, plover_type: str | None) -> tuple[str, ...]:
    """What the rules made of a sentence, as the classifier's reading features."""
    if sub_event_type is None:
        return (NO_EVENT,)
    readings = [f"sub={sub_event_type}"]
    if plover_type is not None:
        readings.append(f"plover={plover_type}")
    return tuple(readings)


class TextFeatures:
    """Word and word-fragment TF-IDF of sentences. Fitted once on everything the models learn
    from and shared by them, so that a document's sentences are transformed once for both."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        # Word fragments carry what single words miss in so little data: "shelled", "shelling"
        # and "shells" share "shell"; "airstrike" and "air strike" share "strike".
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        self.words.fit(texts)
        self.chars.fit(texts)
        # The fragments dropped for rarity are kept only for introspection and dwarf the model.
        self.words.stop_words_ = self.chars.stop_words_ = None

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        return hstack([self.words.transform(texts), self.chars.transform(texts)]).tocsr()


class EventTypeClassifier:
    """A trained model; build with ``fit_classifier`` or ``load_classifier``."""

    def __init__(
        self,
        features: TextFeatures,
        readings: tuple[str, ...],
        classes: tuple[str, ...],
        weights: np.ndarray,
        bias: np.ndarray,
        trained_on: str,
    ) -> None:
        self.features = features
        self._reading_index = {reading: i for i, reading in enumerate(readings)}
        self.classes = classes
        split = weights.shape[1] - len(readings)
        self._text_weights = weights[:, :split]  # classes x text features
        self._reading_weights = weights[:, split:]  # classes x readings
        self._bias = bias
        self.trained_on = trained_on  # what the model learned from, for `warmonitor train`

    def sentence_scores(self, texts: Sequence[str]) -> np.ndarray:
        """The text part of every label's margin, sentences x labels, in one transform."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self.scores_of(self.features.transform(texts))

    def scores_of(self, features: csr_matrix) -> np.ndarray:
        """The text part of every label's margin, from features this model's ``features``
        made."""
        return np.asarray(features @ self._text_weights.T) + self._bias

    def opinion(self, scores: np.ndarray, sentence: int, readings: Iterable[str]) -> Opinion:
        """The best label for a sentence, given its text scores and the rules' readings."""
        margins = scores[sentence].copy()
        for reading in readings:
            column = self._reading_index.get(reading)
            if column is not None:
                margins += self._reading_weights[:, column]
        best = int(margins.argmax())
        return Opinion(self.classes[best], float(margins[best]))


@dataclass(frozen=True)
class EventClassifiers:
    """The learned opinions the coder consults: the ACLED sub-event type of a sentence and,
    when trained, the PLOVER type of the political act it tells."""

    sub_event: EventTypeClassifier
    plover: EventTypeClassifier | None = None

    @property
    def trained_on(self) -> str:
        learnt = [self.sub_event.trained_on]
        if self.plover is not None:
            learnt.append(self.plover.trained_on)
        return "; ".join(learnt)


def fit_classifier(
    units: Sequence[TrainingUnit], trained_on: str, features: TextFeatures | None = None
) -> EventTypeClassifier:
    """A model of ``units``' labels, over ``features`` (fitted on the units' texts when none
    are given)."""
    if len({unit.label for unit in units}) < 2:
        raise WarmonitorError("the event classifier needs sentences of at least two labels")
    if features is None:
        features = TextFeatures([u.text for u in units])
    text_features = features.transform([u.text for u in units])
    readings = tuple(sorted({r for unit in units for r in unit.readings}))
    reading_index = {reading: i for i, reading in enumerate(readings)}
    reading_features = _reading_matrix([u.readings for u in units], reading_index)
    matrix = hstack([text_features, reading_features]).tocsr()
    # liblinear shuffles its coordinates: a fixed seed keeps the model, and the scores, the same.
    model = LinearSVC(C=1.0, random_state=0)
    model.fit(matrix, [unit.label for unit in units])
    weights = np.asarray(model.coef_)
    bias = np.asarray(model.intercept_)
    if len(model.classes_) == 2:  # a binary model keeps one row: spell out both labels
        weights, bias = np.vstack([-weights[0], weights[0]]), np.array([-bias[0], bias[0]])
    classes = tuple(str(c) for c in model.classes_)
    return EventTypeClassifier(features, readings, classes, weights, bias, trained_on)


def save_classifier(classifier: EventClassifiers, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        # The header is a pickle of its own, so that an old file is recognised before the model.
        pickle.dump((FORMAT_VERSION, sklearn_version), handle)
        pickle.dump(classifier, handle)
    partial.replace(path)


def load_classifier(path: Path) -> EventClassifiers | None:
    """The classifiers built by ``warmonitor train``, or None when there are none to use.

    The file is a pickle the user's own set-up wrote into their cache folder; it is never
    fetched. One written by another version of the format or of scikit-learn is ignored (the
    rules code alone) until ``warmonitor train`` rebuilds it."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            header = pickle.load(handle)
            if header != (FORMAT_VERSION, sklearn_version):
                return None
            return pickle.load(handle)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        ValueError,
        AttributeError,
        ImportError,
    ) as exc:
        raise WarmonitorError(
            f"{path}: cannot read the event classifier ({exc}); rebuild it with `warmonitor train`"
        ) from exc


def _reading_matrix(readings: Sequence[Iterable[str]], index: dict[str, int]) -> csr_matrix:
    rows, columns = [], []
    for row, unit_readings in enumerate(readings):
        for reading in unit_readings:
            if reading in index:
                rows.append(row)
                columns.append(index[reading])
    data = np.ones(len(rows))
    return csr_matrix((data, (rows, columns)), shape=(len(readings), len(index)))
