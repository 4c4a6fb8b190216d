#!/usr/bin/env python3
"""Print an endpoint of the official Symphony OpenAPI documents with every schema it references.

Usage: tools/spec.py pod|agent|login|agent-dep|pod-dep PATH_SUBSTRING [METHOD]
       tools/spec.py pod --def NAME
Reads ../shared/spec (next to the repository). A reading aid for developers; nothing builds on it.
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "..", "shared", "spec")
FILES = {
    "pod": "pod/pod-api-public.yaml",
    "pod-dep": "pod/pod-api-public-deprecated.yaml",
    "agent": "agent/agent-api-public.yaml",
    "agent-dep": "agent/agent-api-public-deprecated.yaml",
    "login": "login/login-api-public.yaml",
}


def defs(doc):
    return doc.get("definitions") or doc.get("components", {}).get("schemas", {})


def refs(node, out):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                out.add(v.rsplit("/", 1)[-1])
            else:
                refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)


def closure(doc, names):
    seen, todo = set(), list(names)
    while todo:
        n = todo.pop()
        if n in seen or n not in defs(doc):
            continue
        seen.add(n)
        more = set()
        refs(defs(doc)[n], more)
        todo.extend(more)
    return seen


def main():
    doc = yaml.safe_load(open(os.path.join(SPEC, FILES[sys.argv[1]])))
    if sys.argv[2] == "--def":
        names = closure(doc, sys.argv[3:])
    else:
        names = set()
        for path, item in doc["paths"].items():
            if sys.argv[2] not in path:
                continue
            for method, op in item.items():
                if len(sys.argv) > 3 and method != sys.argv[3]:
                    continue
                print(f"== {method.upper()} {path}")
                print(json.dumps(op, indent=1))
                found = set()
                refs(op, found)
                names |= closure(doc, found)
    for n in sorted(names):
        print(f"-- {n}: {json.dumps(defs(doc)[n])}")


main()
