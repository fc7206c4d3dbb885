"""``make migrate``: a Hugo site converted once into the handbook's own source, and
never over what a person wrote since (ext/hugo_import/migrate.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ext.hugo_import import migrate as migration
from ext.hugo_import.__main__ import main
from ext.hugo_import.migrate import PENDING, migrate
from ext.shared.report_file import MIGRATION_REPORT
from ext.hugo_import.preview import sync_handbook_pages
from ext.hugo_import.importer import MigratedSourceError, import_site

from .conftest import EXAMPLE_SITE, REPO, write_site

#: The handbook's own pages: never written by a migration.
OWN_PAGES = ("index.md", "member-guide.md", "handbook/maintainer-guide.md")


def committed_docs(tmp_path: Path) -> Path:
    """A copy of the repository's ``docs/``: what a fresh clone holds."""
    docs = tmp_path / "clone" / "docs"
    shutil.copytree(REPO / "docs", docs)
    return docs


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str | Path) -> int:
    return main([str(arg) for arg in args])


def test_the_committed_docs_are_the_example_site_migrated(tmp_path) -> None:
    """docs/ is what `make migrate SITE=examples/site` writes: a dry run changes nothing.
    (After changing the converter, run `make migrate SITE=examples/site` and commit.)"""
    docs = committed_docs(tmp_path)
    plan = migrate(EXAMPLE_SITE, docs, dry_run=True, site_name="examples/site")
    assert (plan.added, plan.updated, plan.removed, plan.edited) == ([], [], [], [])
    assert not plan.applied
    manifest = json.loads((docs / ".hugo-import.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "migration" and manifest["site"] == "examples/site"
    assert not set(OWN_PAGES) & set(manifest["files"])


def test_a_fresh_clone_migrates_another_site_and_keeps_its_own_pages(tmp_path, capsys) -> None:
    """The association starts its real handbook: the example's pages go, the site's
    pages come, the home page, member guide and maintainer guide stay as they are."""
    docs = committed_docs(tmp_path)
    own = {rel: (docs / rel).read_bytes() for rel in OWN_PAGES}
    site = write_site(tmp_path / "site", {"about/history.md": '+++\ntitle = "History"\n+++\nSince 1974.\n'})
    assert run("--migrate", site, docs) == 0
    out = capsys.readouterr().out
    assert "migrate: wrote" in out and "pages," in out and "events," in out and "programmes in" in out
    assert {rel: (docs / rel).read_bytes() for rel in own} == own
    assert "Since 1974." in (docs / "about" / "history.md").read_text(encoding="utf-8")
    assert not (docs / "conferences" / "archive" / "2024-halifax.md").exists()  # the example's, unedited: gone
    assert not (docs / "_data" / "programmes").exists()
    manifest = json.loads((docs / ".hugo-import.json").read_text(encoding="utf-8"))
    assert "about/history.md" in manifest["files"] and "conferences/index.md" not in manifest["files"]
    report = json.loads((docs / MIGRATION_REPORT).read_text(encoding="utf-8"))
    assert report["site"] == str(site)


def test_migrating_again_refuses_while_edited_files_stand_in_the_way(tmp_path, capsys) -> None:
    docs = committed_docs(tmp_path)
    faq = docs / "about" / "faq.md"
    events = docs / "_data" / "events.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + "\nA paragraph the web team added.\n", encoding="utf-8")
    events.write_text(events.read_text(encoding="utf-8") + "# a note of the web team\n", encoding="utf-8")
    (docs / "about" / "index.md").unlink()  # the site has it: re-creating it would undo the deletion
    (docs / "contact.md").unlink()  # the site has no contact page: nothing stands in the way
    before = tree(docs)
    site = write_site(tmp_path / "site", {})

    assert run("--migrate", site, docs) == 1
    out = capsys.readouterr().out
    assert "migrate: refused. 3 files" in out
    assert f"{docs}/about/faq.md\n" in out and f"{docs}/_data/events.yaml\n" in out
    assert f"{docs}/about/index.md (deleted)" in out and "contact.md" not in out
    assert tree(docs) == before  # byte-identical, nothing added or removed

    # A dry run says what would change, and changes nothing either.
    assert run("--migrate", site, docs, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would write" in out and "edited: about/faq.md" in out and "the migration would refuse" in out
    assert tree(docs) == before

    # --force overwrites (and removes) them.
    assert run("--migrate", site, docs, "--force") == 0
    assert "A paragraph the web team added." not in faq.read_text(encoding="utf-8")
    assert "a note of the web team" not in events.read_text(encoding="utf-8")
    assert (docs / "about" / "index.md").is_file()


def test_an_unedited_handbook_is_migrated_again_without_asking(tmp_path) -> None:
    docs = committed_docs(tmp_path)
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE_SITE, site)
    about = site / "content" / "about" / "_index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA sentence the site gained.\n", encoding="utf-8")
    plan = migrate(site, docs)
    assert plan.applied and plan.updated == ["_data/migration-report.json", "about/index.md"]
    assert "A sentence the site gained." in (docs / "about" / "index.md").read_text(encoding="utf-8")
    assert migrate(site, docs).changes() == 0  # and twice gives the same bytes


def test_an_interrupted_migration_is_resumed_by_running_it_again(tmp_path, monkeypatch) -> None:
    """Ctrl-C half-way: the files moved so far are known from the journal, so running
    the migration again finishes it without calling them edited."""
    site = write_site(tmp_path / "site", {f"about/page-{i}.md": f'+++\ntitle = "P{i}"\n+++\nText {i}.\n' for i in range(12)})
    expected = committed_docs(tmp_path / "a")
    migrate(site, expected, site_name="site")

    docs = committed_docs(tmp_path / "b")
    move = migration._move_into
    moved = []

    def interrupted(source: Path, target: Path) -> None:
        if len(moved) == 6:
            raise KeyboardInterrupt
        moved.append(target)
        move(source, target)

    monkeypatch.setattr(migration, "_move_into", interrupted)
    with pytest.raises(KeyboardInterrupt):
        migrate(site, docs, site_name="site")
    assert (docs / PENDING).is_file() and len(moved) == 6
    assert not list(docs.parent.glob(".migration-*"))  # the staging folder is gone
    monkeypatch.setattr(migration, "_move_into", move)

    plan = migrate(site, docs, site_name="site")
    assert plan.edited == [], plan.edited
    assert plan.applied
    assert not (docs / PENDING).exists()
    assert tree(docs) == tree(expected)


def test_migrated_files_are_not_linked_to_the_site(tmp_path) -> None:
    """The static copy hard-links where it can; a migrated file is a file of its own,
    so that editing the handbook never edits the site (which may then be deleted)."""
    docs = committed_docs(tmp_path)
    site = write_site(tmp_path / "site", {})
    migrate(site, docs, staging=tmp_path / "staging")
    assert (docs / "_site_static" / "img" / "a.png").stat().st_nlink == 1
    assert not (tmp_path / "staging").exists()


def test_the_staging_folder_may_not_be_the_handbook_source(tmp_path) -> None:
    docs = committed_docs(tmp_path)
    with pytest.raises(migration.MigrationError, match="must be apart"):
        migrate(EXAMPLE_SITE, docs, staging=docs / "staging")
    with pytest.raises(migration.MigrationError, match="must be apart"):
        migrate(EXAMPLE_SITE, docs, staging=docs.parent)
    assert run("--migrate", tmp_path / "nowhere", docs) == 2


def test_the_import_never_writes_into_a_migrated_source(tmp_path, capsys) -> None:
    docs = committed_docs(tmp_path)
    before = tree(docs)
    with pytest.raises(MigratedSourceError):
        import_site(EXAMPLE_SITE, docs, force=True)
    assert run(EXAMPLE_SITE, docs, "--force") == 2
    assert "is a migrated handbook source" in capsys.readouterr().err
    assert tree(docs) == before


def test_the_preview_takes_the_handbooks_own_pages_only(tmp_path) -> None:
    """`make html SITE=...` builds a generated folder: the site's pages and the
    handbook's own pages, not the pages an earlier migration wrote into docs/."""
    docs = committed_docs(tmp_path)
    preview = tmp_path / "_build" / "site-src"
    written = sync_handbook_pages(docs, preview)
    assert set(OWN_PAGES) <= set(written)
    assert not (preview / "about").exists() and not (preview / "_data").exists()
    assert sync_handbook_pages(docs, preview) == []  # unchanged: nothing rewritten
    site = write_site(tmp_path / "site", {})
    import_site(site, preview)
    assert (preview / "about" / "faq.md").is_file()
    (docs / "handbook" / "maintainer-guide.md").write_text("# Changed\n", encoding="utf-8")
    (docs / "member-guide.md").unlink()
    assert sync_handbook_pages(docs, preview) == ["handbook/maintainer-guide.md"]
    assert (preview / "handbook" / "maintainer-guide.md").read_text(encoding="utf-8") == "# Changed\n"
    assert not (preview / "member-guide.md").exists()
