from cdktf_fix.cli import main

main()
