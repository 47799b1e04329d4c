# budc(1) completion for bash                              -*- shell-script -*-
#
# Completes budc's commands, the options of each command (docs/budc.1), the
# diagnostic codes of `budc explain` and of the warning flags (-Wno-CODE …,
# read from `budc explain`), .bud files and directories.
#
# Installed by `make install` as
# $(PREFIX)/share/bash-completion/completions/budc, where bash-completion
# finds it; without bash-completion: `. completion/budc.bash` (in ~/.bashrc).
# Needs nothing from bash-completion.
# shellcheck shell=bash disable=SC2207  # COMPREPLY=($(compgen ...)) is the idiom

_budc_commands='check json csv latex xlsx html sqlite import audit build init fmt diff lsp parse explain help'

# The options of the commands that check a budget ("check options").
_budc_check_options='-fmax-errors= -Werror -Werror= -Wno- -W'

# _budc_options COMMAND: the options of COMMAND, one word each.
_budc_options()
{
    case $1 in
        check) echo "$_budc_check_options --diagnostics=json --diagnostics=text -M -MF -MT --help" ;;
        json | latex | html | xlsx) echo "-o --unit $_budc_check_options --help" ;;
        sqlite) echo "-o $_budc_check_options --help" ;;
        init) echo '--name --code --year --help' ;;
        import) echo '-o --year --name --code --budget --help' ;;
        audit) echo "--keep -o --diagnostics=json --diagnostics=text --year --name --code --budget $_budc_check_options --help" ;;
        csv) echo "-o --long --bom --unit $_budc_check_options --help" ;;
        build) echo "-o --bom --consolidate --unit --units --tex-timeout= $_budc_check_options --help" ;;
        fmt) echo '-w --check --help' ;;
        diff) echo '--format --help' ;;
        lsp) echo '--stdio --debounce= --log --help' ;;
        parse | explain | help) echo '--help' ;;
    esac
}

# _budc_codes BUDC: the diagnostic codes `BUDC explain` lists (its first
# column), remembered for each budc binary.
_budc_codes()
{
    if [[ ${_budc_codes_of-} != "$1" ]]; then
        _budc_codes_list=$("$1" explain 2>/dev/null | while read -r code _; do printf '%s ' "$code"; done)
        _budc_codes_of=$1
    fi
    printf '%s\n' "$_budc_codes_list"
}

# _budc_files CUR [DIRS-ONLY]: .bud files and directories (directories only
# with a second argument) that start with CUR.
_budc_files()
{
    local IFS=$'\n'
    compopt -o filenames 2>/dev/null
    if [[ -n ${2-} ]]; then
        COMPREPLY=($(compgen -d -- "$1"))
    else
        COMPREPLY=($(compgen -f -X '!*.[bB][uU][dD]' -- "$1") $(compgen -d -- "$1"))
    fi
}

_budc()
{
    COMPREPLY=()
    # The words up to the cursor, split at blanks only: bash splits at '='
    # too (COMP_WORDBREAKS), which would cut -Werror=CODE in two.
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<<"$line"
    local cur=
    if [[ -n $line && $line != *[[:space:]] ]]; then
        cur=${words[${#words[@]} - 1]}
        unset 'words[${#words[@]}-1]'
    fi
    local n=${#words[@]}
    local prev=${words[n - 1]-}

    local budc=${words[0]-budc}
    budc=${budc/#\~/$HOME}
    [[ $budc == */* && -x $budc ]] || budc=$(command -v budc 2>/dev/null) || budc=budc

    if ((n <= 1)); then
        COMPREPLY=($(compgen -W "$_budc_commands --help --version" -- "$cur"))
        return 0
    fi
    local cmd=${words[1]}

    case $prev in
        -o)
            case $cmd in
                csv | build) _budc_files "$cur" dirs ;;
                *) compopt -o filenames 2>/dev/null
                   local IFS=$'\n'
                   COMPREPLY=($(compgen -f -- "$cur")) ;;
            esac
            return 0
            ;;
        -MF | -MT)
            compopt -o filenames 2>/dev/null
            local IFS=$'\n'
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0
            ;;
        --format)
            COMPREPLY=($(compgen -W 'text json' -- "$cur"))
            return 0
            ;;
        --unit)
            # the words of the units (unit WORD "name" {) of the budgets named
            local w f units=
            for w in "${words[@]:2}"; do
                f=${w/#\~/$HOME}
                [[ $f == *.bud && -f $f ]] || continue
                units+=" $(sed -n 's/^[[:space:]]*unit[[:space:]]\{1,\}\([^[:space:]{]\{1,\}\).*/\1/p' "$f")"
            done
            COMPREPLY=($(compgen -W "$units" -- "$cur"))
            return 0
            ;;
    esac

    local -a reply=()
    case $cmd in
        help)
            ((n == 2)) && reply=($(compgen -W "$_budc_commands" -- "$cur"))
            ;;
        explain)
            if [[ $cur == -* ]]; then
                reply=($(compgen -W '--help' -- "$cur"))
            elif ((n == 2)); then
                local codes
                codes=$(_budc_codes "$budc")
                reply=($(compgen -W "$codes" -- "$cur"))
                # codes may be typed in any case: e-syntax is E-SYNTAX
                ((${#reply[@]})) || reply=($(compgen -W "$codes" -- "${cur^^}"))
            fi
            ;;
        init)
            if [[ $cur == -* ]]; then
                reply=($(compgen -W "$(_budc_options "$cmd")" -- "$cur"))
            else
                _budc_files "$cur" dirs
                return 0
            fi
            ;;
        check | json | csv | latex | xlsx | html | sqlite | build | fmt | diff | lsp | parse)
            if [[ $cur == -W?* && $(_budc_options "$cmd") == *-Wno-* ]]; then
                # a warning flag with its code: -Wno-catalog-local,
                # -Werror=W-INDICATOR-COPY (the form written after W- or not)
                local codes c form
                codes=$(_budc_codes "$budc")
                local -a words2=(-Werror -Werror= -Wno-)
                for c in $codes; do
                    [[ $c == W-* ]] || continue
                    case $cur in
                        -Wno-W* | -Werror=W* | -WW*) form=$c ;;
                        *) form=${c#W-}; form=${form,,} ;;
                    esac
                    words2+=("-Wno-$form" "-Werror=$form" "-W$form")
                done
                reply=($(compgen -W "${words2[*]}" -- "$cur"))
            elif [[ $cur == -* ]]; then
                reply=($(compgen -W "$(_budc_options "$cmd")" -- "$cur"))
            else
                _budc_files "$cur"
                return 0
            fi
            ;;
        import | audit)
            if [[ $cur == -* ]]; then
                reply=($(compgen -W "$(_budc_options "$cmd")" -- "$cur"))
            else # a workbook, a CSV file, a PDF (audit) or a directory of them
                compopt -o filenames 2>/dev/null
                local IFS=$'\n'
                COMPREPLY=($(compgen -f -X '!*.xlsx' -- "$cur") $(compgen -f -X '!*.csv' -- "$cur")
                           $(compgen -f -X '!*.pdf' -- "$cur") $(compgen -d -- "$cur"))
                return 0
            fi
            ;;
        *)
            _budc_files "$cur"
            return 0
            ;;
    esac
    COMPREPLY=("${reply[@]}")

    # a flag that takes its value after '=' or '-' (-fmax-errors=, -Wno-)
    if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *[=-] ]]; then
        compopt -o nospace 2>/dev/null
    fi
    # bash replaces only the part of the word after its last '=' or ':'
    # (COMP_WORDBREAKS): drop what comes before it from the replies.
    if [[ $cur == *[=:]* ]]; then
        local pre=${cur%"${cur##*[=:]}"}
        local ch=${pre: -1}
        if [[ ${COMP_WORDBREAKS-} == *"$ch"* ]]; then
            local i
            for i in "${!COMPREPLY[@]}"; do
                COMPREPLY[i]=${COMPREPLY[i]#"$pre"}
            done
        fi
    fi
    return 0
}

complete -F _budc budc
