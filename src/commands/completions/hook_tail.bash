# Whether position $2 is in the list $1 (`0 1+`: 1 and every one after).
_net_in_slots() {
    local slot
    for slot in $1; do
        if [[ $slot == "$2" || ( $slot == *+ && $2 -ge ${slot%+} ) ]]; then
            return 0
        fi
    done
    return 1
}

_net_with_names() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local sub="" pos=0 skip=0 takes="" subs="" slots="" id_slots="" name_opts="" kind_slots="" kind_opts="" which=active ids_of=""
    local -a files
    # `--kind=co` comes as three words: the option is the one before the `=`.
    [[ $prev == "=" ]] && prev=${COMP_WORDS[COMP_CWORD-2]}
    _net_walk "${COMP_WORDS[@]:1:COMP_CWORD-1}"
    _net_files "${COMP_WORDS[@]:1:COMP_CWORD-1}"
    if [[ -n $sub && $cur != -* ]]; then
        if ((skip)); then
            if [[ " $name_opts " == *" $prev "* ]]; then
                _net_contact_names "$cur" "$which"
                return 0
            elif [[ " $kind_opts " == *" $prev "* ]]; then
                _net_kinds "$cur" ""
                return 0
            fi
        elif _net_in_slots "$slots" "$pos"; then
            _net_contact_names "$cur" "$which"
            return 0
        elif _net_in_slots "$id_slots" "$pos"; then
            _net_ids "$ids_of" "$cur"
            return 0
        elif _net_in_slots "$kind_slots" "$pos"; then
            # The first position also takes the command's own subcommands (`log edit`).
            _net_kinds "$cur" "$( ((pos == 0)) && echo "$subs")"
            return 0
        fi
    fi
    _net "$@"
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _net_with_names -o nosort -o bashdefault -o default net
else
    complete -F _net_with_names -o bashdefault -o default net
fi
