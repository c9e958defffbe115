"""Defused cells read back as what was written: the import undoes exactly what the export's
formula escaping added, and nothing else."""

import itertools

import pytest

from organiser.csv_cells import defuse, undefuse

TEXTS = [
    "",
    "London",
    "=1+1",
    "'=1+1",
    "''=1+1",
    "+44 20 7925 1757",
    "-1 Basement",
    "@everyone",
    "\tx",
    "\rx",
    ' "=quoted"',
    "' =x",
    "'plain quote",
    "a, =b; +c\n-d\r\n@e | =f\t=g",
    "a, '=b",
    "a,'' =b",
    "Free them, all of them",
]


@pytest.mark.parametrize("text", TEXTS)
def test_undefuse_reverses_defuse(text):
    assert undefuse(defuse(text)) == text


def test_text_that_was_never_defused_is_left_alone():
    assert undefuse("=HYPERLINK(1)") == "=HYPERLINK(1)"
    assert undefuse("O'Brien, 'quoted'") == "O'Brien, 'quoted'"


def test_every_short_text_of_tricky_characters_round_trips():
    alphabet = "'= ,\t\"a\n@-\r|;"
    for length in range(5):
        for letters in itertools.product(alphabet, repeat=length):
            text = "".join(letters)
            assert undefuse(defuse(text)) == text, repr(text)
