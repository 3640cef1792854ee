"""Run every benchmark in bench/ and print its figures."""

import importlib
import pkgutil

import bench


def main() -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    if not names:
        print("No benchmarks yet.")
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").main()


if __name__ == "__main__":
    main()
