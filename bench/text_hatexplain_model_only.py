"""HateXplain test ids scored by the shipped `harm_en` model alone (argmax of its classes), no lexicons or cues.

Usage:  .venv/bin/python bench/text_hatexplain_model_only.py [--datasets DIR]

Prints the 3-class macro-F1, to compare with the detectors' figure in `zabta eval` (docs/screening-text.md):
the difference is what the lexicon and cue layer costs or gains on this dataset.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zabta.screening import datasets as ds
from zabta.screening.analysis import default_model_bank
from zabta.screening.evaluation import metrics
from zabta.screening.normalise import normalise


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=None)
    args = parser.parse_args()
    rows = ds.hatexplain(ds.datasets_dir(args.datasets))["test"]
    (model,) = [m for m in default_model_bank().models if m.name == "harm_en"]
    probs = model.predict_proba_keys([normalise(r.text).key for r in rows])
    pred = [model.classes[i] for i in probs.argmax(axis=1)]
    m = metrics([r.label for r in rows], pred, ["normal", "hatespeech", "offensive"])
    print(f"harm_en alone on {m.n} HateXplain test posts: macro-F1 {m.macro_f1:.3f}")
    for name, (p, r, f, n) in m.per_class.items():
        print(f"  {name:<10} P {p:.3f} R {r:.3f} F1 {f:.3f} (n={n})")


if __name__ == "__main__":
    main()
