#!/bin/sh
# t_layering.sh - the dependency rules of docs/ARCHITECTURE.md, checked on the source tree.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
cd "$top_srcdir" || bail_out "no source tree"

hits=$(grep -rlE '#include[[:space:]]*[<"](n?curses|ncursesw/)' src || true)
is "$hits" "" "src/ never includes curses"

hits=$(grep -rlE '#include[[:space:]]*[<"](libetpan|gmime)/' ui || true)
is "$hits" "" "ui/ never includes libetpan or GMime"

hits=$(grep -rlE '#include[[:space:]]*"(maildir|mime|driver|cache|imap|pop3|net)/' ui || true)
is "$hits" "" "ui/ reaches stores only through src/worker"

hits=$(grep -rlE '#include[[:space:]]*<gmime/' src | grep -v '^src/mime/' || true)
is "$hits" "" "GMime stays inside src/mime"

hits=$(grep -rnE '\b(system|popen)[[:space:]]*\(' src ui tests --include='*.c' || true)
is "$hits" "" "no shell is started from C"

# Public functions carry their module's prefix: src/maildir/maildir_name.c
# defines maildir_*; the KNF layout puts each definition's name at column 0.
bad=""
for f in src/*/*.c; do
	dir=$(basename "$(dirname "$f")")
	base=$(basename "$f" .c)
	[ "$dir" = util ] && continue	# leaf helpers: xmalloc, buf_, bote_err_, sanitize
	# The directory's name or the file's first name part: maildir_*, session_*.
	names=$(awk -v p="${dir}_" -v q="${base%%_*}_" '
		/^static/ { stat = 1; next }
		/^[a-z_][a-z0-9_]*\(/ && !stat {
			n = $0; sub(/\(.*/, "", n)
			if (index(n, p) != 1 && index(n, q) != 1 && n != "main") print n
		}
		{ if ($0 !~ /^[a-z]/ || $0 ~ /\(/) stat = 0 }' "$f")
	[ -n "$names" ] && bad="$bad $f:$(echo $names)"
done
is "$bad" "" "public functions carry their module prefix"

# Every file opens with a comment saying what it is for.
bad=""
for f in src/*/*.[ch] ui/*.[ch]; do
	head -1 "$f" | grep -q '^/\*' || bad="$bad $f"
done
is "$bad" "" "every C file opens with a comment"
done_testing
