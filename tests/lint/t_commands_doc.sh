#!/bin/sh
# t_commands_doc.sh - every command of the UI's table is documented in bote.1, every default binding names a real command, every [general] key is in bote.conf.5.
. "$top_srcdir/tests/lib/tap.sh" || { echo "Bail out! tests/lib/tap.sh missing"; exit 1; }
cd "$top_srcdir" || bail_out "no source tree"

# The names of ui/commands.c's table: lines { "name", N_("help"), ...
commands=$(awk '/^static const struct command commands\[\] = \{/ { on = 1; next }
	on && /^\};/ { on = 0 }
	on && match($0, /^\t\{ "[a-z-]+",/) { s = substr($0, RSTART + 4); sub(/".*/, "", s); print s }' ui/commands.c)
[ "$(echo "$commands" | wc -w)" -gt 30 ] || bail_out "cannot read the command table of ui/commands.c"

# The COMMANDS section of bote.1: its .It lines name the commands.
section=$(awk '/^\.Sh COMMANDS/ { on = 1; next } /^\.Sh / { on = 0 } on && /^\.It/' docs/bote.1)
missing=""
for c in $commands; do
	echo "$section" | grep -qE "(^| )$c( |,|$)" || missing="$missing $c"
done
is "$missing" "" "every command in ui/commands.c is described under COMMANDS in bote.1"

# And each appears in the key tables or is said to have no key: the KEYS
# section mentions every command that has a default key.
bound=$(sed -n 's/^\t{ VIEW_[A-Z]*, "[^"]*", "\([a-z-]*\).*/\1/p' ui/keymap_defaults.c | sort -u)
[ -n "$bound" ] || bail_out "cannot read ui/keymap_defaults.c"
unknown=""
for b in $bound; do
	echo "$commands" | grep -qx -- "$b" || unknown="$unknown $b"
done
is "$unknown" "" "every default binding names a command of the table"

keys=$(awk '/^\.Sh KEYS/ { on = 1; next } /^\.Sh / { on = 0 } on' docs/bote.1)
undocumented=""
for b in $bound; do
	echo "$keys" | grep -qE "(^|[ ,])$b([ ,]|$)" || undocumented="$undocumented $b"
done
is "$undocumented" "" "every command with a default key appears under KEYS in bote.1"

# [general] keys of the config parser are described in bote.conf.5.
general=$(awk '/^static const char \*const general_keys/ { on = 1; next } on && /^\};/ { on = 0 }
	on' src/config/config_parse.c | grep -o '"[a-z_]*"' | tr -d '"')
[ -n "$general" ] || bail_out "cannot read the [general] keys of src/config/config_parse.c"
missing=""
for k in $general; do
	grep -qE "^\.It Cm $k( |$)" docs/bote.conf.5 || missing="$missing $k"
done
is "$missing" "" "every [general] key is described in bote.conf.5"
done_testing
