#!/bin/bash
# t_setup.sh - the setup wizard in the terminal, in English for a POP3
# account and in German for an IMAP account, against the Dovecot fixture:
# the comparison, the questions, the recommendation, the server settings,
# an unknown certificate shown with its fingerprint and pinned, a refused
# password typed again, the config written (0600, with comments), and
# bote opening the account.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$here/../..}"
. "$top_srcdir/tests/lib/tmux.sh"
. "$top_srcdir/tests/lib/pop3.sh" || { echo "Bail out! tests/lib/pop3.sh missing"; exit 1; }
command -v msgfmt >/dev/null || bail_out "msgfmt missing (apt-get install gettext)"
locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' ||
	bail_out "the de_DE.UTF-8 locale is missing (sh tools/deps.sh test generates it)"
pop3_begin
mkdir "$TEST_TMP/tmp"
trap 'tmux_stop; pop3_end' EXIT
mailgen "$DOVECOT_MAILDIR" 5 --seed 8 --prefix wiz
mkdir -p "$TEST_TMP/locale/de/LC_MESSAGES"
msgfmt -o "$TEST_TMP/locale/de/LC_MESSAGES/bote.mo" "$top_srcdir/po/de.po" ||
	bail_out "msgfmt failed"
env="HOME=$TEST_TMP XDG_STATE_HOME=$TEST_TMP/state XDG_CACHE_HOME=$TEST_TMP/cache TMPDIR=$TEST_TMP/tmp BOTE_DATADIR=$BOTE_DATADIR BOTE_LOCALEDIR=$TEST_TMP/locale"

# erase N: N backspaces, to replace a prefilled answer.
erase() {
	local i
	for i in $(seq "$1"); do
		tmux_send BSpace
	done
}

# --- English, POP3 -----------------------------------------------------
cfg=$TEST_TMP/config
tmux_start 110 32 "$env $BOTE -F $cfg"
tmux_wait_for "Account name:" || bail_out "the wizard did not start without a config"
ok 0 "without a config bote starts the wizard"
tmux_send Enter
tmux_wait_for "E-mail address:"
tmux_send_text "bote@localhost"
tmux_send Enter
tmux_wait_for "IMAP or POP3?"
ok $? "the comparison of IMAP and POP3 is shown"
tmux_wait_for "this computer needs a backup"
ok $? "it names the risk of POP3 in plain words"
tmux_send Enter
tmux_wait_for "more than one device"
tmux_send n
tmux_wait_for "without a network"
tmux_send n
tmux_wait_for "space on your mail server"
tmux_send y
tmux_wait_for "backed up"
tmux_send y
tmux_wait_for "Recommended: POP3."
ok $? "small quota and a backup: POP3 is recommended"
tmux_wait_for "safely here"
ok $? "with its reasons"
tmux_send Enter
tmux_wait_for "POP3 server:"
tmux_send_text "127.0.0.1"
tmux_send Enter
tmux_wait_for "TLS from the start"
tmux_send 1
tmux_wait_for "Port: 995"
ok $? "the usual port is filled in"
erase 3
tmux_send_text "$DOVECOT_POP3S_PORT"
tmux_send Enter
tmux_wait_for "User name: bote@localhost"
erase 10
tmux_send Enter
tmux_wait_for "Mail folder: ~/Mail/home"
tmux_send Enter
tmux_wait_for "Keep a copy on the server"
tmux_send 3
tmux_wait_for "Password command:"
tmux_send_text "printf %s $DOVECOT_PASS"
tmux_send Enter
tmux_wait_for "Unknown certificate" 20
ok $? "the self-signed certificate is not trusted by itself"
tmux_wait_for "${DOVECOT_CERT_SHA256:0:40}"
ok $? "its fingerprint is shown"
tmux_wait_for "Valid from 20"
ok $? "and when it is valid"
tmux_send p
tmux_wait_for "All set" 20
ok $? "after pinning, TLS and the login work"
tmux_send Enter
tmux_wait_for "q:Quit" 20
ok $? "bote opens the new account"
is "$(stat -c %a "$cfg")" 600 "the config is written with mode 0600"
grep -q '^protocol = pop3$' "$cfg" && grep -q "^port = $DOVECOT_POP3S_PORT\$" "$cfg" &&
	grep -q '^user = bote$' "$cfg" && grep -q '^keep_on_server = forever$' "$cfg" &&
	grep -q "^pin = sha256:" "$cfg" && grep -q "^password_command = printf %s $DOVECOT_PASS\$" "$cfg"
ok $? "the config holds the account as answered" || sed 's/^/# /' "$cfg"
grep -q '^# ' "$cfg"
ok $? "with comments explaining the keys"
tmux_send G
tmux_wait_for "5 new messages" 20
ok $? "the new account fetches its mail"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"

# --- German (LANG=de_DE.UTF-8), IMAP, a wrong password first -------------
tmux_start 110 32 "$env LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 $BOTE -F $cfg setup"
tmux_wait_for "Kontoname:" || bail_out "bote setup did not start in German"
ok 0 "bote setup starts the wizard, in German"
erase 4
tmux_send_text "arbeit"
tmux_send Enter
tmux_wait_for "E-Mail-Adresse:"
tmux_send_text "bote@localhost"
tmux_send Enter
tmux_wait_for "IMAP oder POP3?"
tmux_send Enter
tmux_wait_for "mehr als einem"
tmux_send j
tmux_wait_for "ohne Netz"
tmux_send n
tmux_wait_for "Mailserver"
tmux_send n
tmux_wait_for "gesichert"
tmux_send n
tmux_wait_for "Empfohlen: IMAP."
ok $? "several devices: IMAP is recommended, in German"
tmux_send Enter
tmux_wait_for "IMAP-Server:"
tmux_send_text "127.0.0.1"
tmux_send Enter
tmux_wait_for "STARTTLS"
tmux_send 2
tmux_wait_for "Port: 143"
erase 3
tmux_send_text "$DOVECOT_IMAP_PORT"
tmux_send Enter
tmux_wait_for "Benutzername: bote@localhost"
erase 10
tmux_send Enter
tmux_wait_for "Passwort-Befehl:"
tmux_send Enter
tmux_wait_for "Passwort:"
tmux_send_text "falsch"
tmux_send Enter
tmux_wait_for "Konfigurationsdatei speichern"
tmux_send n
tmux_wait_for "Unbekanntes Zertifikat" 20
ok $? "the unknown certificate is explained in German"
tmux_send p
tmux_wait_for "Anmeldung abgelehnt" 20
ok $? "a wrong password is refused with a clear message"
tmux_send r
tmux_wait_for "Passwort:"
tmux_send_text "$DOVECOT_PASS"
tmux_send Enter
tmux_wait_for "Alles bereit" 20
ok $? "typed again, the login works"
tmux_send Enter
tmux_wait_for "q:Ende" 20
ok $? "bote opens the new IMAP account"
tmux_wait_for "wiz message 4" 20
ok $? "and shows its inbox from the server"
grep -q '^\[account "arbeit"\]$' "$cfg" && grep -q '^protocol = imap$' "$cfg" &&
	grep -q '^tls = starttls$' "$cfg" && grep -q '^\[account "home"\]$' "$cfg"
ok $? "the IMAP account is added beside the POP3 one" || sed 's/^/# /' "$cfg"
grep -q "^password = " "$cfg"
ok $((! $?)) "the typed password was not written to the file"
is "$(stat -c %a "$cfg")" 600 "still 0600"
tmux_send q
status=$(tmux_wait_exit 10); is "$status" 0 "q quits"
done_testing
