# Contact names for NAME arguments, from your database (net list --names).
(( $+functions[_net_contact_names] )) ||
_net_contact_names() {
    local which=active
    [[ ${words[1]} == revive ]] && which=archived
    local -a names
    names=(${(f)"$(_call_program contacts net list --names --status $which 2>/dev/null)"})
    compadd -M 'm:{a-zA-Z}={A-Za-z}' -a names
}

# IDs for ID arguments, each described by its date, kind and people (net ids COMMAND).
(( $+functions[_net_ids] )) ||
_net_ids() {
    local line
    local -a ids
    for line in ${(f)"$(_call_program ids net ids $1 2>/dev/null)"}; do
        ids+=("${line%%$'\t'*}:${line#*$'\t'}")
    done
    _describe -V -t ids 'id' ids
}

# Kinds of interaction for KIND arguments, each with its usual length (net ids kinds).
(( $+functions[_net_kinds] )) ||
_net_kinds() {
    local line
    local -a kinds
    for line in ${(f)"$(_call_program kinds net ids kinds 2>/dev/null)"}; do
        kinds+=("${line%%$'\t'*}:${line#*$'\t'}")
    done
    _describe -t kinds 'kind' kinds
}

# Whether the word being completed is an ID (`net log edit ID`, `net done ID`):
# then it is completed here, from the same table as in bash; else clap's _net.
_net_ids_at() {
    local sub="" pos=0 skip=0 takes="" subs="" slots="" id_slots="" name_opts="" kind_slots="" kind_opts="" which=active ids_of="" slot
    _net_walk "${(@)words[2,CURRENT-1]}"
    ((skip)) && return 1
    [[ -n $id_slots && ${words[CURRENT]} != -* ]] || return 1
    for slot in ${=id_slots}; do
        if [[ $slot == $pos || ( $slot == *+ && $pos -ge ${slot%+} ) ]]; then
            _net_ids $ids_of
            return 0
        fi
    done
    return 1
}

_net() {
    _net_ids_at || _net_clap "$@"
}

