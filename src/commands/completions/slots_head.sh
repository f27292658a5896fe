# The --db and --config typed on the line ("$@": the words before the one
# being completed) into `files`, which the caller declares: net's own calls
# then read that database and config. bash splits `--db=PATH` at the `=`.
_net_files() {
    local word want="" REPLY
    files=()
    for word in "$@"; do
        if [[ -n $want ]]; then
            [[ $word == "=" ]] && continue
            _net_unquote "$word"
            files+=("$want" "${REPLY/#\~/$HOME}")
            want=""
            continue
        fi
        case $word in
            --db|--config) want=$word ;;
            --db=*|--config=*)
                _net_unquote "${word#*=}"
                files+=("${word%%=*}" "${REPLY/#\~/$HOME}")
                ;;
        esac
    done
}

# Walks the words before the one being completed ("$@", without `net`):
# sets sub (`log edit`), pos (positionals after it), skip (the last word was
# an option that takes a value) and, through _net_slots, what sub takes. The
# caller declares them local. bash splits `--db=PATH` into three words.
_net_walk() {
    local word
    for word in "$@"; do
        if ((skip)); then
            [[ $word == "=" ]] || skip=0
            continue
        fi
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
