#!/usr/bin/env bash
# Checks that Skerry's containerd .proto files (proto/src/main/proto/containerd)
# are wire compatible with the .proto files of a containerd checkout.
#
# Usage: proto/scripts/check-containerd-protos.sh [--strict] <containerd-checkout>
#
#   <containerd-checkout>  a containerd source tree (any version: api/ in tree,
#                          api/ vendored under vendor/, or a checkout of the api
#                          module itself).
#   --strict               also fail on things Skerry has that upstream lacks
#                          (extra fields, rpcs, messages). Without it those are
#                          only reported as NOTE, which is expected when checking
#                          against a release older than the one Skerry mirrors.
#
# Both sides are compiled with protoc into descriptor sets (gogoproto and
# fieldpath options are stripped from a temporary copy of the upstream files
# first; they do not change the wire format), decoded to text, and compared:
# per message full name, fields by number (name, type, label, type_name,
# proto3 optional, oneof membership); per enum, values by number; per
# service, methods by name (input/output types, streaming flags).
#
# protoc: $PROTOC, else `protoc` on PATH, else the newest one Maven has put in
# ~/.m2 (e.g. after `mvn -pl proto generate-sources`). Not used by the build.
# Exit status: 0 compatible, 1 differences found, 2 usage/setup error.
set -euo pipefail

strict=0
if [[ "${1:-}" == "--strict" ]]; then strict=1; shift; fi
if [[ $# -ne 1 ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
  exit 2
fi

upstream=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ours_root=$(cd "$here/../src/main/proto" && pwd)

# --- find protoc -------------------------------------------------------------
protoc=${PROTOC:-}
if [[ -z "$protoc" ]] && command -v protoc >/dev/null 2>&1; then protoc=$(command -v protoc); fi
if [[ -z "$protoc" ]]; then
  arch=$(uname -m); [[ "$arch" == aarch64 ]] && arch=aarch_64
  protoc=$(find "$HOME/.m2/repository/com/google/protobuf/protoc" -name "protoc-*-linux-$arch.exe" 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z "$protoc" || ! -e "$protoc" ]]; then
  echo "check-containerd-protos: no protoc found; set PROTOC=/path/to/protoc" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ ! -x "$protoc" ]]; then   # Maven stores the exe without the x bit
  cp "$protoc" "$tmp/protoc" && chmod +x "$tmp/protoc" && protoc="$tmp/protoc"
fi

# Well-known types: most protoc builds have them built in; if not, take them
# from a protobuf-java jar in ~/.m2 or from $PROTOC_INCLUDE.
inc=("-I$tmp/wkt")
mkdir -p "$tmp/wkt"
if [[ -n "${PROTOC_INCLUDE:-}" ]]; then inc+=("-I$PROTOC_INCLUDE"); fi
if ! echo 'syntax="proto3"; import "google/protobuf/descriptor.proto";' > "$tmp/wkt/probe.proto" ||
   ! "$protoc" "${inc[@]}" "$tmp/wkt/probe.proto" -o /dev/null 2>/dev/null; then
  jar=$(find "$HOME/.m2/repository/com/google/protobuf/protobuf-java" -name 'protobuf-java-*.jar' ! -name '*-sources.jar' 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$jar" ]]; then (cd "$tmp/wkt" && unzip -q -o "$jar" 'google/protobuf/*.proto'); fi
fi
rm -f "$tmp/wkt/probe.proto"

# --- locate upstream files ---------------------------------------------------
api=""
for cand in "$upstream/api" "$upstream" "$upstream/vendor/github.com/containerd/containerd/api"; do
  if [[ -f "$cand/services/containers/v1/containers.proto" ]]; then api=$cand; break; fi
done
if [[ -z "$api" ]]; then
  echo "check-containerd-protos: no containerd api protos under $upstream" >&2
  exit 2
fi
oci=""
for cand in "$upstream/runtime/v2/runc/options/oci.proto" "$api/types/runc/options/oci.proto" \
            "$upstream/vendor/github.com/containerd/containerd/api/types/runc/options/oci.proto"; do
  if [[ -f "$cand" ]]; then oci=$cand; break; fi
done

# Skerry file (under containerd/) -> upstream file (under the api root).
mapping="
types/descriptor.proto types/descriptor.proto
types/mount.proto types/mount.proto
types/platform.proto types/platform.proto
types/metrics.proto types/metrics.proto
types/task/task.proto types/task/task.proto
services/version/v1/version.proto services/version/v1/version.proto
services/namespaces/v1/namespace.proto services/namespaces/v1/namespace.proto
services/containers/v1/containers.proto services/containers/v1/containers.proto
services/tasks/v1/tasks.proto services/tasks/v1/tasks.proto
services/content/v1/content.proto services/content/v1/content.proto
services/images/v1/images.proto services/images/v1/images.proto
services/snapshots/v1/snapshots.proto services/snapshots/v1/snapshots.proto
services/diff/v1/diff.proto services/diff/v1/diff.proto
services/leases/v1/leases.proto services/leases/v1/leases.proto
services/events/v1/events.proto services/events/v1/events.proto
events/task.proto events/task.proto
events/container.proto events/container.proto
events/image.proto events/image.proto
events/snapshot.proto events/snapshot.proto
events/content.proto events/content.proto
events/namespace.proto events/namespace.proto
runtime/v2/runc/options/oci.proto @OCI
"

# Stage a copy of the upstream protos at their canonical import paths.
up="$tmp/upstream"
stage="$up/github.com/containerd/containerd"
mkdir -p "$stage/api"
(cd "$api" && find . -name '*.proto' -print0 | tar --null -T - -cf -) | tar -xf - -C "$stage/api"
if [[ -n "$oci" ]]; then
  mkdir -p "$stage/runtime/v2/runc/options" && cp "$oci" "$stage/runtime/v2/runc/options/oci.proto"
fi
# Strip gogoproto / fieldpath imports and options (no wire effect).
find "$up" -name '*.proto' -print0 | xargs -0 sed -i -E \
  -e '/^[[:space:]]*import[[:space:]]+(weak[[:space:]]+)?"(gogoproto\/gogo|github\.com\/gogo\/protobuf\/gogoproto\/gogo|github\.com\/containerd\/containerd\/(protobuf\/plugin|api\/types)\/fieldpath)\.proto";/d' \
  -e '/^[[:space:]]*option[[:space:]]*\((gogoproto|containerd\.plugin|containerd\.types)\.[A-Za-z_]+\)[[:space:]]*=.*;/d' \
  -e 's/[[:space:]]*\[[^]]*\(gogoproto\.[^]]*\]//g'

up_files=()
pairs=""
while read -r mine theirs; do
  [[ -z "$mine" ]] && continue
  if [[ "$theirs" == "@OCI" ]]; then
    [[ -n "$oci" ]] || { pairs+="$mine -"$'\n'; continue; }
    theirs_imp="github.com/containerd/containerd/runtime/v2/runc/options/oci.proto"
  else
    if [[ ! -f "$stage/api/$theirs" ]]; then pairs+="$mine -"$'\n'; continue; fi
    theirs_imp="github.com/containerd/containerd/api/$theirs"
  fi
  up_files+=("$theirs_imp")
  pairs+="$mine $theirs_imp"$'\n'
done <<< "$mapping"
(cd "$ours_root" && find containerd -name '*.proto' | sort) > "$tmp/ours.list"
mapfile -t ours_files < "$tmp/ours.list"

"$protoc" "${inc[@]}" -I"$up" --include_imports --descriptor_set_out="$tmp/upstream.pb" "${up_files[@]}"
(cd "$ours_root" && "$protoc" "${inc[@]}" -I. --include_imports --descriptor_set_out="$tmp/ours.pb" "${ours_files[@]}")
for side in upstream ours; do
  "$protoc" "${inc[@]}" --decode=google.protobuf.FileDescriptorSet google/protobuf/descriptor.proto \
    < "$tmp/$side.pb" > "$tmp/$side.txt"
done
printf '%s' "$pairs" > "$tmp/pairs"

describe_ref() {
  if [[ -d "$upstream/.git" || -f "$upstream/.git" ]]; then
    git -C "$upstream" describe --tags --always 2>/dev/null || echo "?"
  else
    echo "(not a git work tree)"
  fi
}
echo "upstream: $upstream  [$(describe_ref)]"
echo "  api root: $([[ "$api" == "$upstream" ]] && echo . || echo "${api#"$upstream"/}")   runc options: $([[ -n "$oci" ]] && echo "${oci#"$upstream"/}" || echo "(none)")"
echo "ours:     $ours_root"
echo "protoc:   $("$protoc" --version)"

STRICT=$strict python3 - "$tmp/upstream.txt" "$tmp/ours.txt" "$tmp/pairs" <<'PY'
import os, re, sys

def parse(path):
    """Parse protoc's text format output into nested dicts of lists."""
    root = {}
    stack = [root]
    kv = re.compile(r'^(\[[^\]]+\]|\w+): (.*)$')
    blk = re.compile(r'^(\[[^\]]+\]|\w+) \{$')
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line:
                continue
            if line == '}':
                stack.pop()
                continue
            m = blk.match(line)
            if m:
                d = {}
                stack[-1].setdefault(m.group(1), []).append(d)
                stack.append(d)
                continue
            m = kv.match(line)
            if not m:
                raise SystemExit('cannot parse line: %r' % raw)
            v = m.group(2)
            if v.startswith('"') and v.endswith('"'):
                v = v[1:-1]
            stack[-1].setdefault(m.group(1), []).append(v)
    return root

def one(d, k, default=''):
    v = d.get(k)
    return v[0] if v else default

def index(fds):
    files = {}
    for f in fds.get('file', []):
        files[one(f, 'name')] = f
    return files

def collect(fdesc):
    """Messages, enums and services declared in one file, by full name."""
    pkg = one(fdesc, 'package')
    msgs, enums, svcs = {}, {}, {}
    def walk_msg(m, prefix):
        full = prefix + '.' + one(m, 'name')
        msgs[full] = m
        for n in m.get('nested_type', []):
            walk_msg(n, full)
        for e in m.get('enum_type', []):
            enums[full + '.' + one(e, 'name')] = e
    base = '.' + pkg if pkg else ''
    for m in fdesc.get('message_type', []):
        walk_msg(m, base)
    for e in fdesc.get('enum_type', []):
        enums[base + '.' + one(e, 'name')] = e
    for s in fdesc.get('service', []):
        svcs[base + '.' + one(s, 'name')] = s
    return msgs, enums, svcs

def is_map_entry(m):
    return any(one(o, 'map_entry') == 'true' for o in m.get('options', []))

up = index(parse(sys.argv[1]))
ours_files = index(parse(sys.argv[2]))
strict = os.environ.get('STRICT') == '1'

ours_msgs, ours_enums, ours_svcs = {}, {}, {}
for name, f in ours_files.items():
    if name.startswith('google/protobuf/'):
        continue
    a, b, c = collect(f)
    ours_msgs.update(a); ours_enums.update(b); ours_svcs.update(c)

errors, notes = [], []
stats = dict(files=0, messages=0, fields=0, enums=0, values=0, services=0, methods=0)
seen_msgs, seen_enums, seen_svcs = set(), set(), set()

def field_sig(fl):
    return dict(
        name=one(fl, 'name'),
        type=one(fl, 'type'),
        label=one(fl, 'label'),
        type_name=one(fl, 'type_name'),
        proto3_optional=one(fl, 'proto3_optional', 'false'),
        in_oneof='yes' if fl.get('oneof_index') else 'no',
    )

for line in open(sys.argv[3]):
    mine, theirs = line.split()
    if theirs == '-':
        notes.append('NOTE file %s has no counterpart in this upstream version' % mine)
        continue
    uf = up.get(theirs)
    of = ours_files.get('containerd/' + mine)
    if uf is None or of is None:
        errors.append('ERROR missing file: %s' % (theirs if uf is None else 'containerd/' + mine))
        continue
    stats['files'] += 1
    if one(uf, 'syntax', 'proto2') != one(of, 'syntax', 'proto2'):
        errors.append('ERROR %s: syntax %s upstream, %s here' % (mine, one(uf, 'syntax', 'proto2'), one(of, 'syntax', 'proto2')))
    if one(uf, 'package') != one(of, 'package'):
        errors.append('ERROR %s: package %s upstream, %s here' % (mine, one(uf, 'package'), one(of, 'package')))
    umsgs, uenums, usvcs = collect(uf)
    omsgs_f, oenums_f, osvcs_f = collect(of)
    for extra in sorted(set(omsgs_f) - set(umsgs)):
        notes.append('NOTE message %s (%s) is not in this upstream version' % (extra, mine))
    for extra in sorted(set(oenums_f) - set(uenums)):
        notes.append('NOTE enum %s (%s) is not in this upstream version' % (extra, mine))
    for extra in sorted(set(osvcs_f) - set(usvcs)):
        notes.append('NOTE service %s (%s) is not in this upstream version' % (extra, mine))

    for full, um in sorted(umsgs.items()):
        seen_msgs.add(full)
        stats['messages'] += 1
        om = ours_msgs.get(full)
        if om is None:
            errors.append('ERROR message %s missing' % full)
            continue
        if is_map_entry(um) != is_map_entry(om):
            errors.append('ERROR message %s: map_entry differs' % full)
        ufields = {int(one(fl, 'number')): fl for fl in um.get('field', [])}
        ofields = {int(one(fl, 'number')): fl for fl in om.get('field', [])}
        for num, ufl in sorted(ufields.items()):
            stats['fields'] += 1
            ofl = ofields.get(num)
            if ofl is None:
                errors.append('ERROR %s: field %d (%s) missing' % (full, num, one(ufl, 'name')))
                continue
            us, os_ = field_sig(ufl), field_sig(ofl)
            for k in us:
                if us[k] != os_[k]:
                    errors.append('ERROR %s field %d: %s is %r upstream, %r here' % (full, num, k, us[k], os_[k]))
        for num in sorted(set(ofields) - set(ufields)):
            notes.append('NOTE %s: field %d (%s %s) is not in this upstream version' % (
                full, num, one(ofields[num], 'name'), one(ofields[num], 'type')))

    for full, ue in sorted(uenums.items()):
        seen_enums.add(full)
        stats['enums'] += 1
        oe = ours_enums.get(full)
        if oe is None:
            errors.append('ERROR enum %s missing' % full)
            continue
        uv = {int(one(v, 'number')): one(v, 'name') for v in ue.get('value', [])}
        ov = {int(one(v, 'number')): one(v, 'name') for v in oe.get('value', [])}
        for num, nm in sorted(uv.items()):
            stats['values'] += 1
            if num not in ov:
                errors.append('ERROR enum %s: value %d (%s) missing' % (full, num, nm))
            elif ov[num] != nm:
                errors.append('ERROR enum %s value %d: %s upstream, %s here' % (full, num, nm, ov[num]))
        for num in sorted(set(ov) - set(uv)):
            notes.append('NOTE enum %s: value %d (%s) is not in this upstream version' % (full, num, ov[num]))

    for full, us in sorted(usvcs.items()):
        seen_svcs.add(full)
        stats['services'] += 1
        osv = ours_svcs.get(full)
        if osv is None:
            errors.append('ERROR service %s missing' % full)
            continue
        um = {one(m, 'name'): m for m in us.get('method', [])}
        omm = {one(m, 'name'): m for m in osv.get('method', [])}
        for name, m in sorted(um.items()):
            stats['methods'] += 1
            o = omm.get(name)
            if o is None:
                errors.append('ERROR %s/%s missing' % (full, name))
                continue
            for k, dflt in (('input_type', ''), ('output_type', ''),
                            ('client_streaming', 'false'), ('server_streaming', 'false')):
                if one(m, k, dflt) != one(o, k, dflt):
                    errors.append('ERROR %s/%s: %s is %s upstream, %s here' % (full, name, k, one(m, k, dflt), one(o, k, dflt)))
        for name in sorted(set(omm) - set(um)):
            notes.append('NOTE %s/%s is not in this upstream version' % (full, name))

for n in notes:
    print(n)
for e in errors:
    print(e)
print('checked %(files)d files: %(messages)d messages, %(fields)d fields, %(enums)d enums, '
      '%(values)d enum values, %(services)d services, %(methods)d rpcs' % stats)
fail = bool(errors) or (strict and bool(notes))
print('RESULT: %s (%d errors, %d notes%s)' % ('FAIL' if fail else 'OK', len(errors), len(notes),
      ', strict' if strict else ''))
sys.exit(1 if fail else 0)
PY
