#!/usr/bin/perl
# Writes the demo model's texts from installed Debian packages (submit/make-demo-model installs
# them): one document per line, cleaned (no markup, attributions or ASCII art), deduplicated.
#   demo-corpus.pl OUT_DIR
# OUT_DIR/train.txt     documents to pre-train on, in an order fixed by their MD5 (sources mixed)
# OUT_DIR/heldout.jsonl 1 document in 50 (by MD5), set aside before training ({"id","text"})
# OUT_DIR/faq.jsonl     prose paragraphs of the Debian FAQ, another kind of text, never trained on
use strict;
use warnings;
use utf8;
use open qw(:std :encoding(UTF-8));
use Digest::MD5 qw(md5_hex);
use Encode qw(encode_utf8);

my $out = shift or die "usage: demo-corpus.pl OUT_DIR\n";
my $min_words = 6;
my %seen;
my (@train, @heldout, %words, %documents);

# Straight quotes and dashes the GPT-1 tokenizer knows; collapsed spaces.
sub clean {
  my ($s) = @_;
  $s =~ tr/\x{2018}\x{2019}\x{201C}\x{201D}/''""/;
  $s =~ s/\x{2014}/ -- /g;
  $s =~ s/\x{2013}/-/g;
  $s =~ s/\x{2026}/.../g;
  $s =~ s/[\x00-\x1F\x7F]/ /g;
  $s =~ s/\s+/ /g;
  $s =~ s/^ | $//g;
  return $s;
}

sub words { my @w = split / /, $_[0]; return scalar @w; }

# Mostly letters: leaves out tables, ASCII art and code.
sub prose {
  my ($s) = @_;
  my $letters = () = $s =~ /[A-Za-z ]/g;
  return words($s) >= $min_words && $letters >= 0.85 * length $s;
}

sub add {
  my ($source, $text) = @_;
  $text = clean($text);
  return unless prose($text);
  my $digest = md5_hex(encode_utf8(lc $text));
  return if $seen{$digest}++;
  $words{$source} += words($text);
  $documents{$source}++;
  if (hex(substr($digest, 0, 8)) % 50 == 0) {
    push @heldout, [$digest, $source, $text];
  } else {
    push @train, [$digest, $text];
  }
}

sub lines_of {
  my ($path) = @_;
  my $cmd = $path =~ /\.gz$/ ? "gzip -dc '$path'" : "cat '$path'";
  open my $in, '-|', $cmd or die "cannot read $path: $!\n";
  my @lines = <$in>;
  close $in or die "cannot read $path\n";
  chomp @lines;
  return @lines;
}

# WordNet 3.0 (wordnet-base): the synsets with example sentences, one document each, "word: gloss;
# "example"" (the first of its words; examples without their "- Author").
for my $pos (qw(noun verb adj adv)) {
  for (lines_of("/usr/share/wordnet/data.$pos")) {
    next if /^  /;    # the licence header
    my ($head, $gloss) = split /\s\|\s/, $_, 2;
    next unless defined $gloss && $gloss =~ /"/;
    my $word = (split / /, $head)[4];
    $word =~ s/_/ /g;
    $word =~ s/\([a-z]+\)$//;
    $gloss =~ s/"\s*-+\s*[A-Z][^;"]*/"/g;
    add('wordnet', "$word: $gloss");
  }
}

# The fortune cookies of fortunes and fortunes-min (never fortunes-off): one per document,
# without the "-- Author" attribution; lyrics and ASCII art left out.
my $fortunes = '/usr/share/games/fortunes';
opendir my $dir, $fortunes or die "cannot list $fortunes: $!\n";
my @files = sort grep { !/\./ && !/^(ascii-art|songs-poems|translate-me)$/ && -f "$fortunes/$_" }
  readdir $dir;
closedir $dir;
for my $file (@files) {
  my @cookie;
  for (lines_of("$fortunes/$file"), '%') {
    if ($_ eq '%') {
      my $text = join "\n", @cookie;
      $text =~ s/\n\s*(--|\x{2014})\s.*\z//s;    # the attribution and what follows it
      add('fortunes', $text) if $text =~ /\S/;
      @cookie = ();
    } else {
      push @cookie, $_;
    }
  }
}

# The Jargon File 4.4.7 (jargon-text): its prose paragraphs, without {cross-reference} braces.
my @paragraph;
for (lines_of('/usr/share/doc/jargon-text/jargon.txt.gz'), '') {
  if (/^\s*$/) {
    my $text = join ' ', @paragraph;
    $text =~ s/[{}]//g;
    add('jargon', $text) unless $text =~ /^\s*:/;    # entry headings ":word: n."
    @paragraph = ();
  } elsif (/[\x{2500}-\x{257F}]/) {
    @paragraph = ('|');    # a table row: the paragraph is not prose
  } else {
    push @paragraph, $_;
  }
}

sub json {
  my ($s) = @_;
  $s =~ s/(["\\])/\\$1/g;
  return "\"$s\"";
}

mkdir $out;
open my $train, '>', "$out/train.txt" or die "cannot write $out/train.txt: $!\n";
print $train "$_->[1]\n" for sort { $a->[0] cmp $b->[0] } @train;
close $train or die "cannot write $out/train.txt\n";
open my $held, '>', "$out/heldout.jsonl" or die "cannot write $out/heldout.jsonl: $!\n";
print $held '{"id":' . json("$_->[1]-$_->[0]") . ',"text":' . json($_->[2]) . "}\n"
  for sort { $a->[0] cmp $b->[0] } @heldout;
close $held or die "cannot write $out/heldout.jsonl\n";

# The Debian FAQ (debian-faq): paragraphs of running prose (indented four spaces), no lists.
open my $faq, '>', "$out/faq.jsonl" or die "cannot write $out/faq.jsonl: $!\n";
my ($n, @lines) = (0);
# The FAQ indents with no-break spaces too.
for (map { s/\x{A0}/ /gr } lines_of('/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz'), '') {
  if (/^    \S/ && !/^    [*\d]/ && (@lines || !/^    [a-z]/)) {
    push @lines, $_;
    next;
  }
  my $text = clean(join ' ', @lines);
  $text =~ s/ \(https?:[^)]*\)//g;    # link targets
  print $faq '{"id":' . json('faq-' . ++$n) . ',"text":' . json($text) . "}\n"
    if words($text) >= 20 && prose($text) && /^\s*$/;
  @lines = ();
}
close $faq or die "cannot write $out/faq.jsonl\n";
printf STDERR "%s: %d documents, %d words\n", $_, $documents{$_}, $words{$_} for sort keys %words;
printf STDERR "%d training documents, %d held out, %d FAQ paragraphs in %s\n",
  scalar @train, scalar @heldout, $n, $out;
