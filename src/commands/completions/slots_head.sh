# Walks the words before the one being completed ("$@", without `net`):
# sets sub (`log edit`), pos (positionals after it), skip (the last word was
# an option that takes a value) and, through _net_slots, what sub takes. The
# caller declares them local.
_net_walk() {
    local word
    for word in "$@"; do
        if ((skip)); then skip=0; continue; fi
        if [[ -z $sub ]]; then
            case $word in
                --db|--config) skip=1 ;;
                -*) ;;
                *) sub=$word; _net_slots "$sub" ;;
            esac
            continue
        fi
        if [[ " $takes " == *" $word "* ]]; then skip=1; continue; fi
        [[ $word == -* ]] && continue
        if ((pos == 0)) && [[ " $subs " == *" $word "* ]]; then
            sub="$sub $word"
            _net_slots "$sub"
            continue
        fi
        pos=$((pos + 1))
    done
}

# Sets what the command spelled $1 (`log`, `log edit`) takes.
_net_slots() {
    takes="" subs="" slots="" id_slots="" name_opts="" kind_slots="" kind_opts="" which=active ids_of=""
    case $1 in
