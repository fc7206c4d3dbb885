"""The forked readers' and writers' scheduler (ext/tasks.py): chunks started in the
order given (biggest first), every result handed back, a worker's error raised."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import SphinxParallelError

from ext.tasks import Tasks, biggest_first, file_size


def test_chunks_are_ordered_by_their_documents_sizes_largest_first() -> None:
    sizes = {"a": 10, "b": 500, "c": 20, "d": 20, "e": 0}
    chunks = [["a", "c"], ["b"], ["d", "a"], ["e"]]
    # sums 30, 500, 30, 0: equal sums keep chunk order
    assert biggest_first(chunks, sizes.__getitem__) == [1, 0, 2, 3]


def test_a_missing_file_counts_as_empty(tmp_path: Path) -> None:
    (tmp_path / "page.doctree").write_bytes(b"x" * 123)
    assert file_size(str(tmp_path / "page.doctree")) == 123
    assert file_size(str(tmp_path / "gone.doctree")) == 0


def _append(line: tuple[str, str]) -> str:
    path, name = line
    with open(path, "a", encoding="utf-8") as log:
        log.write(name + "\n")
    return name.upper()


@pytest.mark.parametrize("nproc", [1, 2])
def test_tasks_start_in_the_order_added_and_every_result_comes_back(tmp_path: Path, nproc: int) -> None:
    log = str(tmp_path / "started.txt")
    results: dict[str, str] = {}
    tasks = Tasks(nproc)
    names = ["big", "middle", "small", "smaller", "smallest"]
    for name in names:
        tasks.add_task(_append, (log, name), lambda arg, result: results.__setitem__(arg[1], result))
    tasks.join()
    assert results == {name: name.upper() for name in names}
    started = Path(log).read_text(encoding="utf-8").split()
    if nproc == 1:  # one at a time: exactly the order added (Sphinx's own starts "smallest" second)
        assert started == names
    else:
        assert sorted(started) == sorted(names)


def _fail(_arg: object) -> None:
    raise ValueError("no such page")


def test_a_workers_error_is_raised_in_the_main_process() -> None:
    tasks = Tasks(2)
    tasks.add_task(_fail, "x")
    with pytest.raises(SphinxParallelError, match="ValueError: no such page"):
        tasks.join()
