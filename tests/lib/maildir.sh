# maildir.sh - building small Maildirs for command-line and TUI tests.

# maildir_make DIR: DIR with cur/ new/ tmp/.
maildir_make() {
	mkdir -p "$1/cur" "$1/new" "$1/tmp"
}

# maildir_put DIR SUB NAME SUBJECT [FROM] [DATE]: one plain message.
maildir_put() {
	cat >"$1/$2/$3" <<MSG
From: ${5:-Anna Beispiel <anna@example.org>}
To: bob@example.org
Subject: $4
Date: ${6:-Mon, 02 Nov 2026 10:00:00 +0100}
Message-ID: <$3@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello from $4.
MSG
}
