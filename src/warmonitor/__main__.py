from warmonitor.cli import main

main()
