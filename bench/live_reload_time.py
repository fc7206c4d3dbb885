"""Time from saving a page to the live preview showing it: the page on disk (served)
and the reload message sent to the browser (sphinx-autobuild's websocket).

    python bench/live_reload_time.py PORT DOCS PAGE URL_PATH RUNS

Appends a marker line to DOCS/PAGE, RUNS times (3 s apart), prints both times per run
and their medians, and puts the page back as it was.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import websockets


def served(url: str) -> str:
    try:
        with urllib.request.urlopen(url) as response:
            return response.read().decode()
    except Exception:  # not there yet, or being written
        return ""


async def one_save(port: str, page: Path, url: str, marker: str) -> tuple[float, float]:
    async with websockets.connect(f"ws://127.0.0.1:{port}/websocket-reload") as socket:
        await asyncio.sleep(0.5)
        start = time.perf_counter()
        with page.open("a", encoding="utf-8") as file:
            file.write(f"\n{marker}\n")

        async def on_disk() -> float:
            while marker not in await asyncio.to_thread(served, url):
                await asyncio.sleep(0.02)
            return time.perf_counter() - start

        disk = asyncio.create_task(on_disk())
        await asyncio.wait_for(socket.recv(), 120)
        reload = time.perf_counter() - start
        return await disk, reload


async def main(port: str, docs: str, page_path: str, url_path: str, runs: int) -> None:
    page = Path(docs, page_path)
    original = page.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}{url_path}"
    disks, reloads = [], []
    try:
        for run in range(runs):
            disk, reload = await one_save(port, page, url, f"live-check-{run}-{time.time_ns()}")
            disks.append(disk)
            reloads.append(reload)
            print(f"  save {run + 1}: on disk {disk:.2f} s, reload {reload:.2f} s", flush=True)
            await asyncio.sleep(3)
    finally:
        page.write_text(original, encoding="utf-8")
    print(f"median: on disk {statistics.median(disks):.2f} s, reload {statistics.median(reloads):.2f} s")


if __name__ == "__main__":
    port, docs, page, url_path, runs = sys.argv[1:6]
    asyncio.run(main(port, docs, page, url_path, int(runs)))
