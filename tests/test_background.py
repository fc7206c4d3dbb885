"""Work of the main process done in a fork beside the readers and writers
(ext/background.py): the feeds and the calendars of a build with forked readers are
made in another process and written as made; a failed fork is made up for."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

import ext.blog.feeds
import ext.events.calendar
from ext.background import Background, forget_build, note_forked_reading, start_early, take_result

from .conftest import build, docs_copy

FORKED_READERS = {"serial_read_limit": 0, "serial_write_limit": 0}


def _square(number: int) -> int:
    return number * number


def _broken(_number: int) -> int:
    raise RuntimeError("broken")


def test_a_background_result_comes_back_and_a_failure_is_none() -> None:
    assert Background.start(_square, 12).result() == 144
    assert Background.start(_broken, 12).result() is None
    Background.start(_square, 3).cancel()  # reaped, nothing left running


def _made_from(inputs: str) -> tuple[str, int]:
    return inputs, 42


class _App:
    """What ``ext.background`` looks at of an application."""

    parallel = 2

    class config:  # noqa: N801 - as Sphinx's app.config
        background_work = True


def test_a_result_is_taken_only_when_made_from_the_same_inputs() -> None:
    app = _App()
    note_forked_reading(app, None, ["page"])
    start_early(app, "feeds", _made_from, "inputs of last week")
    assert take_result(app, "feeds", "inputs of today") is None  # the caller makes them again
    start_early(app, "feeds", _made_from, "inputs of today")
    assert take_result(app, "feeds", "inputs of today") == 42
    assert take_result(app, "feeds", "inputs of today") is None  # taken once
    start_early(app, "calendars", _made_from, "x")
    forget_build(app, None)  # the build ends: what was not taken is stopped and forgotten
    assert take_result(app, "calendars") is None
    start_early(app, "calendars", _made_from, "x")  # no longer a build in the background
    assert take_result(app, "calendars") is None


def test_no_background_when_no_process_can_be_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_processes(self) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", out_of_processes)
    assert Background.start(_square, 12) is None


@pytest.mark.parametrize("background", [True, False], ids=["forked readers", "background off"])
def test_the_feeds_and_calendars_are_made_in_a_fork_when_the_readers_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, background: bool) -> None:
    made_by = tmp_path / "made-by.txt"

    def recording(function):
        def made(*args):
            with made_by.open("a", encoding="utf-8") as log:
                log.write(f"{function.__name__} {os.getpid()}\n")
            return function(*args)
        return made

    monkeypatch.setattr(ext.blog.feeds, "feed_files", recording(ext.blog.feeds.feed_files))
    monkeypatch.setattr(ext.events.calendar, "calendar_files", recording(ext.events.calendar.calendar_files))
    docs = docs_copy(tmp_path)
    html = tmp_path / "html"
    build(docs, html, parallel=2, confoverrides={**FORKED_READERS, "background_work": background})
    made = [line.split() for line in made_by.read_text(encoding="utf-8").splitlines()]
    assert sorted(name for name, _pid in made) == ["calendar_files", "feed_files"]  # each made once
    makers = dict(made)
    assert (makers["feed_files"] != str(os.getpid())) is background
    assert (makers["calendar_files"] != str(os.getpid())) is background
    assert b"<rss" in (html / "blog" / "index.xml").read_bytes()
    assert b"BEGIN:VCALENDAR" in (html / "events.ics").read_bytes()
