# muster `tasks --json` (one object a line) → Taskwarrior import JSON (one
# object a line): description, status (done → completed with an end date),
# due, project = role, tag = phase, a uuid made from the id, owner as a UDA-free
# annotation-less tag.  Used by tests/bench/bench.sh.
function field(name,    re, s) {
	re = "\"" name "\":(\"([^\"\\\\]|\\\\.)*\"|null|-?[0-9]+)"
	if (!match($0, re)) return "null"
	s = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 3)
	return s
}
function plain(s) { gsub(/^"|"$/, "", s); return s }
/^\{/ {
	id = field("id") + 0
	st = plain(field("status"))
	due = plain(field("due")); role = plain(field("role")); phase = plain(field("phase"))
	out = sprintf("{\"uuid\":\"%08x-0000-4000-8000-%012x\",\"description\":%s,\"entry\":\"20260901T000000Z\"", id, id, field("title"))
	out = out sprintf(",\"status\":\"%s\"", st == "done" ? "completed" : "pending")
	if (st == "done") out = out ",\"end\":\"20261001T000000Z\""
	if (due != "null") { gsub(/-/, "", due); out = out sprintf(",\"due\":\"%sT000000Z\"", due) }
	if (role != "null") out = out sprintf(",\"project\":\"%s\"", role)
	if (phase != "null") out = out sprintf(",\"tags\":[\"%s\"]", phase)
	print out "}"
}
