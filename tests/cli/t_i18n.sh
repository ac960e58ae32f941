#!/bin/sh
# t_i18n.sh - bote speaks German from po/de.po when the locale asks for it, and the catalog is complete.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
[ -x "$BOTE" ] || bail_out "bote binary not built: $BOTE"
command -v msgfmt >/dev/null || bail_out "msgfmt missing (apt-get install gettext)"
tap_tmpdir
trap tap_cleanup_tmp EXIT

po=$top_srcdir/po/de.po
stats=$(msgfmt --check --statistics -o "$TEST_TMP/bote.mo" "$po" 2>&1); ok $? "de.po compiles with --check"
case $stats in *untranslated*|*fuzzy*) ok 1 "de.po complete: $stats" ;; *) ok 0 "de.po complete: $stats" ;; esac
# Every C file with translatable strings is in POTFILES.in, and every such string in de.po.
unlisted=""
for f in $(cd "$top_srcdir" && grep -lE '\b(_|P_|N_)\("' src/*/*.c ui/*.c); do
	grep -qx "$f" "$top_srcdir/po/POTFILES.in" || unlisted="$unlisted $f"
done
is "$unlisted" "" "every file with translatable text is listed in po/POTFILES.in"
xgettext --keyword=_ --keyword=N_ --keyword=P_:1,2 --from-code=UTF-8 -o "$TEST_TMP/bote.pot" \
	-D "$top_srcdir" -f "$top_srcdir/po/POTFILES.in" 2>/dev/null
msgmerge -q -o "$TEST_TMP/merged.po" "$po" "$TEST_TMP/bote.pot"
# msgfmt counts every entry, also those whose msgid is wrapped onto several lines.
merged=$(msgfmt --statistics -o /dev/null "$TEST_TMP/merged.po" 2>&1)
case $merged in *untranslated*|*fuzzy*) r=1 ;; *) r=0 ;; esac
ok $r "every source string has a German translation: $merged"

mkdir -p "$TEST_TMP/locale/de/LC_MESSAGES"
cp "$TEST_TMP/bote.mo" "$TEST_TMP/locale/de/LC_MESSAGES/bote.mo"
export BOTE_LOCALEDIR="$TEST_TMP/locale"
out=$(LANGUAGE=de LC_ALL=C.UTF-8 "$BOTE" frobnicate 2>&1)
is "$out" "bote: unbekannter Befehl 'frobnicate' (siehe bote --help)" "unknown command in German"
out=$(LANGUAGE=de LC_ALL=C.UTF-8 "$BOTE" list 2>&1)
echo "$out" | grep -q "kein Ordner angegeben"; ok $? "missing -f explained in German"
out=$(LANGUAGE=en LC_ALL=C.UTF-8 "$BOTE" frobnicate 2>&1)
is "$out" "bote: unknown command 'frobnicate' (try bote --help)" "English without a German locale"
done_testing
