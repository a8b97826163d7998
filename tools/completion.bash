# bash completion for muster (installed as
# $(PREFIX)/share/bash-completion/completions/muster; or `. completion.bash`).
# Commands, subcommands, options and what their values are come from
# `muster --help` and `muster COMMAND --help`, i.e. from the command table,
# so they cannot drift from it; event names (spaces, CJK), checklists, role
# keys, logins, metrics, templates and task/item ids with their titles come
# from the board in use (--db/--event given earlier on the line, else
# $MUSTER_DB or the config) through --json.  Nothing is ever written.

# _muster_run ARGS... : the muster being completed, quiet, with --db/--event
# of the line (globals before the command work for every command)
_muster_run() {
	"$_muster_prog" "${_muster_board[@]}" "$@" 2>/dev/null </dev/null
}

# _muster_json KEY... < JSON lines : per object, the keys' values joined by a
# tab (strings unescaped; an array of strings gives one value per element
# when it is the only key)
_muster_json() {
	LC_ALL=C awk -v keys="$*" '
	function val(line, key,    i, n, c, out, arr) {
		i = index(line, "\"" key "\":")
		if (!i) return ""
		i += length(key) + 3
		n = length(line); out = ""; arr = 0
		if (substr(line, i, 1) == "[") { arr = 1; i++ }
		while (i <= n) {
			c = substr(line, i, 1)
			if (c == "\"") {
				i++
				while (i <= n) {
					c = substr(line, i, 1)
					if (c == "\\") {
						i++; c = substr(line, i, 1)
						if (c == "n" || c == "t" || c == "r") c = " "
						else if (c == "u") { c = " "; i += 4 }
					} else if (c == "\"") break
					out = out c; i++
				}
				i++
				if (!arr) return out
				continue
			}
			if (arr && c == ",") { out = out "\n"; i++; continue }
			if (c == "]" || c == "," || c == "}") break
			out = out c; i++
		}
		return out == "null" ? "" : out
	}
	BEGIN { nk = split(keys, k, " ") }
	/^\{/ {
		s = val($0, k[1])
		for (j = 2; j <= nk; j++) s = s "\t" val($0, k[j])
		if (s != "" && s != "\t") print s
	}'
}

# _muster_escape WORD : WORD as the shell reads it back in the quoting the
# word being completed was started with (none: backslashes)
_muster_escape() {
	if [[ -n $_muster_quote ]]; then
		printf '%s\n' "$1"
		return
	fi
	local s=$1 out= c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[][\ \	\\\"\'\$\`\!\&\|\;\(\)\<\>\*\?\{\}\#\~]) out+="\\$c" ;;
		*) out+=$c ;;
		esac
	done
	printf '%s\n' "$out"
}

# _muster_dequote WORD : what the shell will make of a (partial) word
_muster_dequote() {
	local w=$1 out= c i
	case $w in
	\'*) w=${w#\'}; printf '%s\n' "${w%\'}"; return ;;
	\"*) w=${w#\"}; w=${w%\"} ;;
	esac
	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ $c == \\ ]]; then ((i++)); c=${w:i:1}; fi
		out+=$c
	done
	printf '%s\n' "$out"
}

# _muster_names < lines : COMPREPLY = the lines starting with the current
# word (dequoted), escaped, without duplicates
_muster_names() {
	local line seen=$'\n'
	while IFS= read -r line; do
		[[ -n $line && $line == "$_muster_cur"* && $seen != *$'\n'"$line"$'\n'* ]] || continue
		seen+="$line"$'\n'
		COMPREPLY+=("$(_muster_escape "$line")")
	done
}

# _muster_ids < "ID<TAB>TITLE" lines : ids starting with the current word,
# shown with their titles; a single match is the id alone
_muster_ids() {
	local id title w=0
	local -a ids=() titles=()
	while IFS=$'\t' read -r id title; do
		[[ $id == "$_muster_cur"* ]] || continue
		ids+=("$id"); titles+=("$title")
		((${#id} > w)) && w=${#id}
	done
	if ((${#ids[@]} == 1)); then
		COMPREPLY=("${ids[0]}")
	else
		local i
		for i in "${!ids[@]}"; do COMPREPLY+=("$(printf "%-${w}s  %s" "${ids[i]}" "${titles[i]}")"); done
		compopt -o nosort 2>/dev/null
	fi
}

# _muster_values KIND : complete one value of KIND from the board
_muster_values() {
	case $1 in
	event) _muster_names < <(_muster_run --json events | _muster_json name) ;;
	login) _muster_names < <(_muster_run --json people | _muster_json login) ;;
	role)
		# comma lists (--roles ops,logistics): the part after the last comma
		local head=
		if [[ $_muster_cur == *,* ]]; then head=${_muster_cur%,*},; _muster_cur=${_muster_cur##*,}; fi
		_muster_names < <({ _muster_run --json people | _muster_json roles; _muster_run --json tasks | _muster_json role; } | sort -u)
		if [[ -n $head ]]; then
			local i
			for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$(_muster_escape "$head")${COMPREPLY[i]}; done
		fi ;;
	checklist) _muster_names < <(_muster_run --json items | _muster_json checklist) ;;
	metric) _muster_names < <(_muster_run --json metrics | _muster_json name) ;;
	stage) _muster_names < <(_muster_run --json metrics | _muster_json name; echo -) ;;
	template) _muster_names < <(_muster_run --json template list | _muster_json name) ;;
	task) _muster_ids < <(_muster_run --json tasks | _muster_json id title) ;;
	item)
		if [[ -n $_muster_cur && $_muster_cur != [0-9]* ]]; then
			_muster_names < <(_muster_run --json items | _muster_json title) # ITEM may be its title
		else
			_muster_ids < <(_muster_run --json items | _muster_json id title)
		fi ;;
	trash) _muster_ids < <(_muster_run --json trash | _muster_json id title) ;;
	note) _muster_ids < <(_muster_run --json review | _muster_json id stage) ;;
	group) COMPREPLY=($(compgen -g -- "$_muster_cur")) ;;
	file | yaml | csv)
		compopt -o filenames 2>/dev/null
		local IFS=$'\n'
		if [[ $1 == file ]]; then
			COMPREPLY=($(compgen -f -- "$_muster_cur"))
		else
			COMPREPLY=($(compgen -d -- "$_muster_cur") $(compgen -f -X "!*.$1" -- "$_muster_cur"))
			[[ $1 == yaml ]] && COMPREPLY+=($(compgen -f -X '!*.yml' -- "$_muster_cur"))
		fi ;;
	esac
}

# _muster_forms CMD : its usage forms, one a line ("task done|start ID")
_muster_forms() {
	_muster_run "$1" --help | awk '
		/^usage: muster / { sub(/^usage: muster /, ""); on = 1 }
		on && /^$/ { exit }
		on { sub(/^ +/, ""); print }'
}

# _muster_spec CMD WORD : what the forms of CMD allow, as lines
#   S sub          a subcommand
#   O --opt PH     an option and its value placeholder ("-" for a flag)
#   P PH           the next positional argument of the forms WORD selects
# WORD is the first positional word on the line ("" for none yet); forms
# whose subcommand is WORD are chosen, else those without one ("*": all).
_muster_spec() {
	_muster_forms "$1" | awk -v w="$2" '
	function strip(t) { gsub(/[][]/, "", t); return t }
	{
		n = split($0, t, " ")
		sub_ = ""; opt_sub = 0; first = 2
		s = strip(t[2])
		if (s ~ /^[a-z]+(\|[a-z]+)*$/) { sub_ = s; opt_sub = t[2] ~ /^\[/; first = 3 }
		f = NR
		subs[f] = sub_; optsub[f] = opt_sub
		np[f] = 0; no[f] = 0
		for (i = first; i <= n; i++) {
			raw = t[i]; tok = strip(raw)
			m = split(tok, alt, "|")
			isopt = 0
			for (a = 1; a <= m; a++) if (alt[a] ~ /^-/) isopt = 1
			if (!isopt) { pos[f, ++np[f]] = tok; continue }
			ph = "-"
			if (raw !~ /\]$/ && i < n && strip(t[i + 1]) !~ /^-/) { ph = strip(t[i + 1]); i++ }
			for (a = 1; a <= m; a++)
				if (alt[a] ~ /^-/) opts[f, ++no[f]] = alt[a] " " ph
				else pos[f, ++np[f]] = alt[a]
		}
		nf = NR
	}
	END {
		for (f = 1; f <= nf; f++) if (subs[f] != "") { m = split(subs[f], alt, "|"); for (a = 1; a <= m; a++) print "S " alt[a] }
		chosen = 0
		for (f = 1; f <= nf; f++) {
			m = split(subs[f], alt, "|")
			for (a = 1; a <= m; a++) if (w != "" && alt[a] == w) { sel[f] = 1; chosen = 1 }
		}
		if (w == "*") for (f = 1; f <= nf; f++) sel[f] = 2
		else if (!chosen) for (f = 1; f <= nf; f++) if (subs[f] == "" || optsub[f]) { sel[f] = 2 }
		for (f = 1; f <= nf; f++) {
			if (!sel[f]) continue
			for (o = 1; o <= no[f]; o++) print "O " opts[f, o]
			# positionals after the subcommand (or from WORD on when none)
			for (p = 1; p <= np[f]; p++) print "P " (sel[f] == 1 ? p : p) " " pos[f, p]
		}
		print "C " chosen
	}'
}

# _muster_globals : "--opt PH" for each global option of muster --help
_muster_globals() {
	_muster_run --help | awk '
		/^options/ { on = 1; next }
		on && /^$/ { exit }
		on {
			n = split($0, t, " ")
			for (i = 1; i <= n; i++) if (t[i] ~ /^--[a-z-]+,?$/) {
				o = t[i]; sub(/,$/, "", o); ph = "-"
				if (o !~ /,$/ && t[i] !~ /,$/ && i < n && t[i + 1] ~ /^[A-Z]/) { ph = t[i + 1]; sub(/,$/, "", ph) }
				print o " " ph
			}
		}'
}

# _muster_kind OPTION PLACEHOLDER CMD : what a value is ("" = nothing known)
_muster_kind() {
	case ${1#--} in
	event) echo event; return ;;
	role | roles) echo role; return ;;
	owner | by | as) echo login; return ;;
	list) echo checklist; return ;;
	stage) echo stage; return ;;
	template) echo template; return ;;
	db | o | output) echo file; return ;;
	shared) echo group; return ;;
	esac
	case $2 in
	EVENT) echo event ;;
	ITEM) echo item ;;
	LOGIN) echo login ;;
	STAGE) echo stage ;;
	NAME) [[ $3 == metric ]] && echo metric ;;
	ID) case $3 in task) echo task ;; restore) echo trash ;; review) echo note ;; esac ;;
	FILE.yaml) echo yaml ;;
	FILE.csv) echo csv ;;
	FILE) echo file ;;
	*\|*) echo "alt ${2//|/ }" ;;
	[A-Z])
		# "S is todo, doing, blocked or done" in the command's help
		local words
		words=$(_muster_run "$3" --help | tr '\n' ' ' | sed 's/([^)]*)//g' |
			sed -n "s/.* $2 is \([^.;]*\)[.;].*/\1/p" | sed 's/,/ /g; s/ or / /g')
		[[ -n $words ]] && echo "alt $words" ;;
	esac
}

_muster() {
	COMPREPLY=()
	local cword=$COMP_CWORD
	local -a words=("${COMP_WORDS[@]}")
	_muster_prog=$(_muster_dequote "${words[0]}")
	[[ $_muster_prog == \~/* ]] && _muster_prog=$HOME/${_muster_prog#\~/}
	local cur=${words[cword]} opt= i w
	# COMP_WORDBREAKS splits --event=Night into "--event" "=" "Night"
	if [[ $cur == = ]]; then opt=${words[cword - 1]}; cur=
	elif ((cword > 1)) && [[ ${words[cword - 1]} == = ]]; then opt=${words[cword - 2]}
	fi
	_muster_quote=
	case $cur in \'* | \"*) _muster_quote=${cur:0:1} ;; esac
	_muster_cur=$(_muster_dequote "$cur")

	# the line so far: globals (--db/--event for the queries), the command,
	# its positional words; value-taking options skip their value
	_muster_board=()
	local globals cmd= cmdi=0 vopts=" "
	globals=$(_muster_globals)
	while read -r w ph; do [[ $ph != - ]] && vopts+="$w "; done <<<"$globals"
	local -a posw=()
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		[[ $w == = ]] && continue
		if [[ $w == -* ]]; then
			local v=
			if [[ $vopts == *" $w "* ]] || { [[ -n $cmd ]] && _muster_takes "$cmd" "$w"; }; then
				((i + 1 < cword)) && [[ ${words[i + 1]} == = ]] && ((i++))
				((i + 1 < cword)) && { v=$(_muster_dequote "${words[i + 1]}"); ((i++)); }
				[[ $w == --db ]] && _muster_board+=(--db "${v/#\~\//$HOME/}")
				[[ $w == --event ]] && _muster_board+=(--event "$v")
			fi
			continue
		fi
		if [[ -z $cmd ]]; then cmd=$w; cmdi=$i; else posw+=("$w"); fi
	done

	# an option's value
	if [[ -z $opt ]] && ((cword > 1)) && [[ ${words[cword - 1]} == -* ]]; then
		local p=${words[cword - 1]}
		if [[ $vopts == *" $p "* ]] || { [[ -n $cmd ]] && _muster_takes "$cmd" "$p"; }; then opt=$p; fi
	fi
	if [[ -n $opt ]]; then
		local ph
		ph=$(
			printf '%s\n' "$globals"
			[[ -n $cmd ]] && _muster_spec "$cmd" "${posw[0]-}" | sed -n 's/^O //p'
		)
		ph=$(printf '%s\n' "$ph" | awk -v o="$opt" '$1 == o { print $2; exit }')
		_muster_complete_kind "$(_muster_kind "$opt" "$ph" "$cmd")"
		return 0
	fi

	# the command
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(printf '%s\n' "$globals" | cut -d' ' -f1)" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_muster_run --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')" -- "$cur"))
		fi
		return 0
	fi

	local spec
	spec=$(_muster_spec "$cmd" "${posw[0]-}")
	if [[ $cur == -* ]]; then
		# after the command --event belongs to the command (when it takes one)
		COMPREPLY=($(compgen -W "$({ sed -n 's/^O \([^ ]*\) .*/\1/p' <<<"$spec"; printf '%s\n' "$globals" | cut -d' ' -f1 | grep -vx -- --event; } | awk '!seen[$0]++')" -- "$cur"))
		return 0
	fi
	# a subcommand, or the n-th positional argument of the chosen forms
	local n=${#posw[@]} chosen
	chosen=$(sed -n 's/^C //p' <<<"$spec")
	if ((n == 0)) && grep -q '^S ' <<<"$spec"; then
		COMPREPLY=($(compgen -W "$(sed -n 's/^S //p' <<<"$spec")" -- "$cur"))
		# "review [list]": a form without a subcommand may take a positional here too
	fi
	((chosen == 1)) && ((n--))
	if ((n >= 0)); then
		local ph
		ph=$(awk -v n=$((n + 1)) '$1 == "P" && $2 == n { print $3; exit }' <<<"$spec")
		[[ -n $ph ]] && _muster_complete_kind "$(_muster_kind "" "$ph" "$cmd")"
	fi
	return 0
}

# _muster_takes CMD OPTION : the option of CMD takes a value
_muster_takes() {
	_muster_spec "$1" "*" | grep -q "^O $2 [^-]"
}

_muster_complete_kind() {
	case $1 in
	"") ;;
	alt\ *) COMPREPLY+=($(compgen -W "${1#alt }" -- "$_muster_cur")) ;;
	*) _muster_values "$1" ;;
	esac
}

complete -F _muster muster
