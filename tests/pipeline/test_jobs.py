"""Every core: a build uses one process per core it may use, `--jobs N` says how many, and the
site is the same whatever the number.

The sites are 300 events with people and places (chronicle.parallel.MIN_ITEMS is 200), so
loading, bodies, search and pages are all split over the processes.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from chronicle.parallel import split_map
from tests.support import build, run_cli, tree


def _site(count: int = 300) -> dict[str, str]:
    files = {f"events/e{i:03d}.md": f"---\ntitle: Event {i}\ndate: {1900 + i % 100}-0{1 + i % 9}-1{i % 10}\n"
                                    f"tags: [t{i % 7}]\npeople: [p{i % 40}]\nplaces: [l{i % 30}]\n---\n"
                                    f"Body of *event* {i}, see [[p{(i + 1) % 40}]].\n" for i in range(count)}
    files.update({f"people/p{i}.md": f"---\nname: Person {i}\n---\nAbout {i}.\n" for i in range(40)})
    files.update({f"places/l{i}.md": f"---\nname: Place {i}\nlat: {30 + i * 0.5}\nlon: {100 + i}\n---\nHere.\n"
                  for i in range(30)})
    return files


def test_the_site_is_the_same_with_one_two_or_three_jobs(content, tmp_path: Path) -> None:
    source = content(_site())
    runs = {n: build(source, tmp_path / f"jobs{n}" / "site", "--jobs", str(n)) for n in (1, 2, 3)}
    assert [run.code for run in runs.values()] == [0, 0, 0], runs[1].err
    assert runs[1].err == runs[2].err == runs[3].err
    assert tree(tmp_path / "jobs1" / "site") == tree(tmp_path / "jobs2" / "site") == tree(tmp_path / "jobs3" / "site")


def test_without_jobs_the_site_is_the_same_as_with_one(content, tmp_path: Path) -> None:
    source = content(_site())
    assert build(source, tmp_path / "all" / "site").code == 0
    assert build(source, tmp_path / "one" / "site", "--jobs", "1").code == 0
    assert tree(tmp_path / "all" / "site") == tree(tmp_path / "one" / "site")


def test_check_takes_jobs_and_reports_the_same(content, tmp_path: Path) -> None:
    files = _site()
    files["events/e290.md"] = "---\ntitle: Late\ndate: 1990-02-30\n---\n"  # in the last process's slice
    source = content(files)
    runs = [run_cli("check", "--content", str(source), "--jobs", n, cwd=tmp_path) for n in ("1", "3")]
    assert runs[0].code == runs[1].code == 1
    assert runs[0].err == runs[1].err
    assert "content/events/e290.md:3: date: invalid date '1990-02-30'" in runs[1].err


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5", ""])
def test_jobs_below_one_or_not_a_number_is_one_error_line(content, tmp_path: Path, value: str) -> None:
    source = content(_site(3))
    run = build(source, tmp_path / "site", "--jobs", value)
    assert run.code == 2
    assert run.err == f"error: --jobs takes a whole number of processes, 1 or more (got '{value}')\n"
    assert not (tmp_path / "site").exists()


def test_work_is_split_over_the_cores_this_process_may_use(monkeypatch) -> None:
    monkeypatch.delattr(os, "process_cpu_count", raising=False)  # Python 3.13 would ask the affinity too
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)  # the machine's cores, not all of them ours
    pids = split_map(lambda part: [os.getpid()] * len(part), range(600))
    assert len(pids) == 600 and len(set(pids)) == 3


def test_jobs_n_runs_n_processes() -> None:
    pids = split_map(lambda part: [os.getpid()] * len(part), range(600), 4)
    assert len(set(pids)) == 4 and pids == sorted(pids, key=pids.index)  # each slice in order
