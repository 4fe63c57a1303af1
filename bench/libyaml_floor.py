"""The libyaml parse floor: load every YAML/JSON file under the given roots with PyYAML's C loader (yaml.CSafeLoader,
Debian's python3-yaml), the way a Python linter must before it can check anything. Prints the number of files read.
CloudFormation's short-form tags (!Ref, !Sub, ...) are constructed as plain values; files that fail to parse count too."""
import os
import sys

import yaml


def construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


yaml.add_multi_constructor("!", construct_tagged, Loader=yaml.CSafeLoader)

SKIPPED = {".git", "node_modules", ".aws-sam"}
files = 0
for root in sys.argv[1:]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        for name in sorted(names):
            if not name.endswith((".yaml", ".yml", ".json", ".template")):
                continue
            files += 1
            with open(os.path.join(folder, name), "rb") as handle:
                try:
                    for _ in yaml.load_all(handle, Loader=yaml.CSafeLoader):
                        pass
                except Exception:  # noqa: BLE001 - a file that fails still had to be read
                    pass
print(files)
