# Sets REPLY to the word $1 without its quoting ("my dir", my\ dir).
(( $+functions[_net_unquote] )) ||
_net_unquote() { REPLY=${(Q)1}; }

# Contact names for NAME arguments, from your database (net list --names).
(( $+functions[_net_contact_names] )) ||
_net_contact_names() {
    # Set by _net_slot_at's walk; from clap's script, read the command here.
    local which=${which:-active}
    [[ ${words[1]} == revive || ${words[2]} == revive ]] && which=archived
    local -a names
    names=(${(f)"$(_call_program contacts net ${(q)files[@]} list --names --status $which 2>/dev/null)"})
    compadd -M 'm:{a-zA-Z}={A-Za-z}' -a names
}

# `WORD<TAB>description` lines of `net ids ARGS...` offered with their
# descriptions, in the order net gives them ($1: the tag; a colon in a word
# would end it for _describe).
(( $+functions[_net_described] )) ||
_net_described() {
    local tag=$1 line
    shift
    local -a items
    for line in ${(f)"$(_call_program $tag net ${(q)files[@]} ids "$@" 2>/dev/null)"}; do
        items+=("${${line%%$'\t'*}//:/\\:}:${line#*$'\t'}")
    done
    _describe -V -t $tag $tag items
}

# IDs for ID arguments, each described by its date, kind and people (net ids COMMAND).
(( $+functions[_net_ids] )) ||
_net_ids() { _net_described id $1; }

# Kinds of interaction for KIND arguments, each with its usual length (net ids kinds).
(( $+functions[_net_kinds] )) ||
_net_kinds() { _net_described kind kinds; }

# The word being completed, where the command tree says what goes there (the
# same table as in bash): an ID, a kind of interaction or a contact name; else
# clap's _net (subcommands, options). clap's own script takes `net log`'s
# optional KIND and NAMEs for one slot and misplaces `log edit`.
_net_slot_at() {
    local sub="" pos=0 skip=0 takes="" subs="" slots="" id_slots="" name_opts="" kind_slots="" kind_opts="" which=active ids_of=""
    local prev=${words[CURRENT-1]}
    _net_walk "${(@)words[2,CURRENT-1]}"
    [[ -n $sub ]] || return 1
    if [[ ${words[CURRENT]} == --*=* ]]; then
        # `--kind=co`: the value of the option before the `=`.
        local option=${words[CURRENT]%%=*}
        if [[ " $kind_opts " == *" $option "* ]]; then
            compset -P '*='
            _net_kinds
        elif [[ " $name_opts " == *" $option "* ]]; then
            compset -P '*='
            _net_contact_names
        else
            return 1
        fi
        return 0
    fi
    if [[ ${words[CURRENT]} == -* ]]; then
        # Where clap's script would offer the parent's options instead.
        local -a opts
        _net_options "$sub"
        ((${#opts})) || return 1
        _describe -t options option opts
        return 0
    fi
    if ((skip)); then
        if [[ " $name_opts " == *" $prev "* ]]; then
            _net_contact_names
        elif [[ " $kind_opts " == *" $prev "* ]]; then
            _net_kinds
        else
            return 1
        fi
        return 0
    fi
    if _net_at "$id_slots"; then
        _net_ids $ids_of
    elif _net_at "$kind_slots"; then
        _net_kinds
        # The first word may also be the command's own subcommand (`log edit`).
        ((pos == 0)) && [[ -n $subs ]] && compadd -- ${=subs}
    elif _net_at "$slots"; then
        _net_contact_names
    else
        return 1
    fi
    return 0
}

# Whether position $pos is in the list $1 (`0 1+`: 1 and every one after).
_net_at() {
    local slot
    for slot in ${=1}; do
        [[ $slot == $pos || ( $slot == *+ && $pos -ge ${slot%+} ) ]] && return 0
    done
    return 1
}

_net() {
    # The database and config the line names, for net's own calls above.
    local -a files
    _net_files "${(@)words[2,CURRENT-1]}"
    _net_slot_at || _net_clap "$@"
}

