# Sets what the command spelled $1 (`log`, `log edit`) takes.
_net_slots() {
    takes="" subs="" slots="" id_slots="" name_opts="" which=active ids_of=""
    case $1 in
