from loopbook.cli import main

main()
