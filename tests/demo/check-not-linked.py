#!/usr/bin/env python3
"""The products link no demo code (DESIGN §2: src/demo is linked by the
demo, the benchmarks and the tests, never by `ahi` or `ahi-server`).

    check-not-linked.py --nm NM --library LIBAHI_DEMO.a --library-defines SYMBOL
                        --product-defines SYMBOL PROGRAM...

Reads with nm every symbol the demo library defines and every symbol each
program defines, and fails when a program holds one of the library's.
So that the check cannot pass by reading nothing, the library must define
--library-defines (the generator's entry point) and every program must
define --product-defines (a symbol both products link): a stripped
program, or a renamed library, fails the check instead of passing it.
"""

import argparse
import subprocess
import sys


def defined_symbols(nm, path, external_only):
    command = [nm, "--defined-only"]
    if external_only:
        command.append("--extern-only")
    result = subprocess.run(command + [path], capture_output=True, text=True, check=True)
    names = set()
    for line in result.stdout.splitlines():
        # "0000000000001234 T ahi_generator_fill"; archive member headers
        # ("ahi-generator.c.o:") and blank lines have fewer fields.
        fields = line.split()
        if len(fields) == 3:
            names.add(fields[2])
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nm", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--library-defines", required=True)
    parser.add_argument("--product-defines", required=True)
    parser.add_argument("programs", nargs="+")
    args = parser.parse_args()

    demo = defined_symbols(args.nm, args.library, external_only=True)
    if args.library_defines not in demo:
        print(f"{args.library} does not define {args.library_defines}: is it still the demo library?")
        return 1
    print(f"{args.library}: {len(demo)} symbols, e.g. {', '.join(sorted(demo)[:4])}")

    status = 0
    for program in args.programs:
        symbols = defined_symbols(args.nm, program, external_only=False)
        if args.product_defines not in symbols:
            print(f"{program} does not define {args.product_defines}: stripped, or not the product?")
            status = 1
            continue
        linked = sorted(demo & symbols)
        if linked:
            print(f"{program} links demo code: {', '.join(linked)}")
            status = 1
        else:
            print(f"{program}: none of the demo library's symbols ({len(symbols)} symbols read)")
    return status


if __name__ == "__main__":
    sys.exit(main())
