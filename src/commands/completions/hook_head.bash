# Sets REPLY to $1 with backslashes before what the shell would take apart
# (not printf %q, which turns "ü" into $'\303\274' outside a UTF-8 locale; no
# subshell, as it runs once per contact).
_net_escape() {
    local c
    REPLY=$1
    for c in '\' ' ' "'" '"' '(' ')' '&' ';' '$' '!' '`' '<' '>' '|' '*' '?' '[' ']' '#' '~'; do
        REPLY=${REPLY//"$c"/\\$c}
    done
}

# Sets REPLY to the word $1 as the shell will read it: without the quotes
# around it ("my dir/w.db") or the backslashes in it (my\ dir/w.db). Not
# eval: a word being typed is never run.
_net_unquote() {
    local w=$1 out="" i c
    case $w in
        \"*\") REPLY=${w:1:${#w}-2}; return ;;
        \'*\') REPLY=${w:1:${#w}-2}; return ;;
    esac
    for ((i = 0; i < ${#w}; i++)); do
        c=${w:i:1}
        if [[ $c == "\\" ]]; then
            ((i++))
            c=${w:i:1}
        fi
        out+=$c
    done
    REPLY=$out
}

# Contact names for NAME arguments, from your database (net list --names;
# the database and config are those the line names, `files`, see _net_files).
_net_contact_names() {
    local cur=${1#[\"\']} which=$2 name restore REPLY
    restore=$(shopt -p nocasematch)
    shopt -s nocasematch
    COMPREPLY=()
    while IFS= read -r name; do
        if [[ $name == "$cur"* ]]; then
            _net_escape "$name"
            COMPREPLY+=("$REPLY")
        fi
    done < <(command net "${files[@]}" list --names --status "$which" 2>/dev/null)
    eval "$restore"
}

# IDs for ID arguments, from your database (net ids COMMAND): alone, the id;
# several, each with its date, kind and people to choose by.
_net_ids() {
    local of=$1 cur=${2#\#} id desc
    local -a ids=() described=()
    while IFS=$'\t' read -r id desc; do
        if [[ $id == "$cur"* ]]; then
            ids+=("$id")
            described+=("$id  ($desc)")
        fi
    done < <(command net "${files[@]}" ids "$of" "$cur" 2>/dev/null)
    if ((${#ids[@]} == 1)); then
        COMPREPLY=("${ids[@]}")
    else
        COMPREPLY=("${described[@]}")
    fi
}

# Kinds of interaction for KIND arguments, from your config (net ids kinds),
# and the words in $2 (`edit rm`) that start like the one being completed.
_net_kinds() {
    local cur=${1#[\"\']} kind rest REPLY
    COMPREPLY=()
    while IFS=$'\t' read -r kind rest; do
        _net_escape "$kind"
        COMPREPLY+=("$REPLY")
    done < <(command net "${files[@]}" ids kinds "$cur" 2>/dev/null)
    for kind in $2; do
        [[ $kind == "$cur"* ]] && COMPREPLY+=("$kind")
    done
}
